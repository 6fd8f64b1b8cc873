# Knotenpunkt – English message catalogue of the pages.
# Directory data (names, descriptions, sources) is not translated; pages mark it as German.

## Frame

site-name = Knotenpunkt
site-tagline = A directory of networks of German municipalities that learn from each other.
skip-to-content = Skip to content
nav-label = Main navigation
nav-networks = Networks
nav-organizations = Organisations
account-sign-in = Sign in
account-sign-out = Sign out
lang-switch = Deutsch
footer-about = Knotenpunkt is free software (EUPL-1.2) for networks of municipalities. Every fact comes from a public source, named with each entry.
footer-api = The same data as a JSON API (OpenAPI description)

## Error pages

error-not-found-title = Page not found
error-not-found-text = There is no entry at this address. It may have changed, or the address may contain a typo.
error-forbidden-title = Not allowed
error-forbidden-text = Your role does not allow this. If you think this is a mistake, contact your network's coordinators.
error-internal-title = Something went wrong
error-internal-text = The page could not be built just now. The error has been logged; please try again in a few minutes.
error-back-home = Go to the start page
error-to-list = All organisations

## Start page and list of networks

home-title = Start
home-heading = Networks of municipalities that learn from each other
home-intro = Knotenpunkt lists networks of German municipalities: the Smart Cities model projects, regional digital networks, and their partners in research and the regions. See who belongs to which network, in which cohort, since when – and how the networks have grown.
home-networks-heading = Networks
networks-title = Networks
networks-intro = Every network in the directory, with its coordinator and its number of members.
networks-none = No networks have been entered yet.

## Network page

network-coordinator = Coordinator
network-founded = Founded
network-members = Members
members-count =
    { $count ->
        [one] 1 member
       *[other] { $count } members
    }
website = Website
network-members-heading = Members
network-no-members = No members have been entered yet.
cohort-heading = { $name } ({ $year })
cohort-none = Without cohort
cohort-motto = Motto:
member-since = since { $date }
member-until = until { $date }
network-partners-heading = Partners
network-former-heading = Former members
network-calls-heading = Open funding calls
network-call-deadline = Deadline:
network-call-who = Who may apply:
network-states-heading = Members by state
source = Source:

## Growth

growth-heading = Growth in membership
chart-title = Membership over time: { $network }
chart-desc-line = The step line shows the members known by name from { $from }; there are { $count } now.
chart-desc-figure = { $value } ({ $date })
chart-desc-figures = Published member counts, marked as diamonds: { $list }.
list-separator = {", "}
legend-named = Members known by name
legend-published = Published member count
figure-more-than = more than { $count }
growth-none = Neither joining dates nor published member counts are known for this network.
growth-undated =
    { $count ->
        [one] 1 member without a known joining date is not included in the line.
       *[other] { $count } members without a known joining date are not included in the line.
    }
growth-cohort-dated = Members without a joining date of their own count from the start of their cohort's year.
growth-table-summary = The chart's data as a table
growth-kind-named = members known by name
growth-kind-published = published count
growth-source-memberships = joining dates in the directory

## Table columns

column-date = As of
column-members = Members
column-kind-of-figure = Kind of figure
column-source = Source
column-state = State
column-name = Name
column-kind = Kind
column-network = Network
column-role = Role
column-cohort = Cohort
column-joined = Joined
column-left = Left
none = –
unknown = unknown

## List of organisations

organizations-title = Organisations
filter-label = Filter organisations
filter-state = State
filter-state-all = All states
filter-kind = Kind
filter-kind-all = All kinds
filter-q = Name contains
filter-submit = Filter
filter-reset = Reset filter
filter-problem-heading = The filter contains invalid values
filter-problem-hint = Please choose the values from the lists and send the form again.
filter-bad-state = “{ $value }” is not a German state. Use the two-letter codes such as RP or BY.
filter-bad-kind = “{ $value }” is not a known kind of organisation.
filter-bad-q = The search text is too long; at most { $max } characters are allowed.
filter-bad-page = “{ $value }” is not a valid page number.
organizations-found =
    { $count ->
        [0] No organisations found
        [one] 1 organisation found
       *[other] { $count } organisations found
    }
organizations-found-caption = Organisations found
organizations-none = No organisation matches this filter. Try a shorter search text or another state.
list-beyond = There is no page { $page }; the list has { $pages ->
        [one] only one page
       *[other] { $pages } pages
    }.
list-first-page = Go to the first page
pager-label = Pages of the list
pager-prev = Previous page
pager-next = Next page
pager-status = Page { $page } of { $pages }

## Organisation page

org-kind = Kind
org-state = State
org-states = States
org-ags = AGS
org-ags-long = Official municipality key (Amtlicher Gemeindeschlüssel)
org-population = Population
org-networks-heading = Networks
org-no-networks = This organisation is not entered in any network of the directory.
org-cooperations-heading = Cooperations
cooperation-partners = Partners
cooperation-topic = Topic
cooperation-since = Since
cooperation-cadence = Exchange
org-parts-heading = Consists of
org-part-of-heading = Part of

## Vocabulary

state-BW = Baden-Württemberg
state-BY = Bavaria
state-BE = Berlin
state-BB = Brandenburg
state-HB = Bremen
state-HH = Hamburg
state-HE = Hesse
state-MV = Mecklenburg-Western Pomerania
state-NI = Lower Saxony
state-NW = North Rhine-Westphalia
state-RP = Rhineland-Palatinate
state-SL = Saarland
state-SN = Saxony
state-ST = Saxony-Anhalt
state-SH = Schleswig-Holstein
state-TH = Thuringia

kind-municipality = City/municipality
kind-county = County
kind-cooperation = Municipal cooperation
kind-research = Research institution
kind-company = Company
kind-region = Association/region

role-member = Member
role-coordinator = Coordinator
role-partner = Partner

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-month = { $month } { $year }
date-day = { $day } { $month } { $year }

## Meetings: shared pieces

breadcrumb-label = You are here
nav-calendar = Calendar
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
date-numeric = { $day } { $monthname } { $year }
meeting-day = { $weekday }, { $date }
meeting-when = { $weekday }, { $date }, { $start }–{ $end }
meeting-time = { $start }–{ $end }
status-planned = takes place
status-moved = moved
status-moved-holiday = moved because of
status-moved-note = moved:
status-cancelled = cancelled
status-cancelled-holiday = cancelled because of
status-cancelled-note = cancelled:
status-originally = originally { $date }
host-manual = set for this meeting
host-swapped = turn swapped
column-when = Meeting
column-series = Series
column-host = Host
column-status = Status
no-host = no host
feed-link = Subscribe to the calendar (iCalendar)
feed-hint = Add the link's address to your calendar program (Outlook, Thunderbird, Apple or Google Calendar) as an internet calendar; new and changed meetings then appear by themselves. You may also write “webcal://” instead of “https://”.

## A network's calendar

calendar-title = Meetings: { $network }
calendar-heading = Meetings of { $network }
calendar-intro = All meetings of this network's series from { $from } to { $to }, with host and status. Moves because of public holidays are already applied.
calendar-subscribe-heading = Subscribe
calendar-network-feed = All meetings of { $network }
calendar-series-heading = Series
calendar-series-feed = Subscribe to this series
calendar-upcoming-heading = Upcoming meetings
calendar-past-heading = Past meetings
calendar-past-caption = Past meetings, most recent first
calendar-none-upcoming = No meetings are planned for the coming months.
calendar-none-past = There were no meetings in the past months.
calendar-no-series = This network has no regular meetings yet.
network-meetings-heading = Meetings
network-next-meeting = Next meeting:
network-calendar-link = All meetings in the calendar of { $network }

## A series' page

series-rhythm = Rhythm
series-rule = Rule (RFC 5545)
series-first = First meeting
series-next = Next meeting
series-time = Time
series-duration = Duration
series-duration-minutes =
    { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
series-time-zone = Time zone
series-holidays = Public holidays
series-hosting = Host
series-video = Video conference
series-network = Network
series-cooperation = Cooperation
series-partners = Partners
holidays-keep = Meetings take place on public holidays too.
holidays-earlier-week = A meeting that falls on a public holiday takes place one week earlier on the same weekday.
holidays-next-workday = A meeting that falls on a public holiday takes place on the next working day.
holidays-skip = A meeting that falls on a public holiday is cancelled.
holidays-scope = National holidays count, and those of the host's or the coordinator's state.
hosting-none = No host: everyone meets together.
hosting-fixed = hosts every meeting
hosting-rotation = In turn ({ $order }): every organisation hosts once before a new round begins.
rotation-order-join-order = by joining date
rotation-order-alphabetical = alphabetically
rotation-order-explicit = in a set order
series-rules-heading = Hosts and public holidays
series-rotation-heading = Order of hosts
series-rotation-intro = The current order of hosts. An organisation that cannot host a meeting keeps its place in the round.
series-upcoming-heading = Upcoming meetings
series-more-upcoming =
    { $count ->
        [one] One more meeting is in the calendar subscription.
       *[other] { $count } more meetings are in the calendar subscription.
    }
series-past-heading = Past meetings
series-notices-heading = Notes for the coordination
series-notices-intro = These notes concern stored changes that no longer fit the rule, as the calendar computation reports them.
series-feed-heading = Subscribe

## A meeting's page

meeting-title = { $series }, { $date }
meeting-heading = { $series } on { $date }
meeting-when-label = Date and time
meeting-status = Status
meeting-series = Series
meeting-agenda-heading = Agenda
meeting-agenda-none = No agenda has been entered for this meeting yet.
meeting-raised-by = raised by
meeting-raised = raised by a participant
meeting-minutes-heading = Minutes
meeting-minutes-none = No minutes yet.
meeting-attendance-heading = Present
meeting-attendance-none = No attendance has been recorded for this meeting.
meeting-attendance-count =
    { $count ->
        [one] 1 organisation took part.
       *[other] { $count } organisations took part.
    }
meeting-cancelled-notice = This meeting does not take place.
meeting-moved-notice = This meeting was moved.
meeting-other-heading = Other meetings of the series
meeting-previous = Previous meeting
meeting-next = Next meeting

## Organisation page: hosting

org-turns-heading = Your next turns as host

# Accounts

## Forms

form-email = Email address
form-password = Password
form-new-password = New password
form-new-password-hint = At least { $min } characters. A long sentence you can remember easily is safer than a short word with special characters.
form-repeat = Repeat the new password
form-error-prefix = Error:
form-title-error = Error: { $title }
form-summary-heading = Please check what you entered
form-email-missing = Please enter your email address.
form-email-invalid = Please enter a complete email address, for example name@kommune.de.
form-password-missing = Please enter your password.
form-new-password-missing = Please choose a password.
form-password-short = The password must be at least { $min } characters long.
form-password-long = The password is too long; at most 1024 characters are allowed.
form-repeat-missing = Please repeat the new password.
form-repeat-mismatch = The two passwords do not match.
form-current-missing = Please enter your current password.
form-current-wrong = The current password is not correct.
form-wait-seconds =
    { $count ->
        [one] 1 second
       *[other] { $count } seconds
    }
form-wait-minutes =
    { $count ->
        [one] 1 minute
       *[other] { $count } minutes
    }

## Signing in

signin-title = Sign in
signin-submit = Sign in
signin-link = Go to sign-in
signin-forgot = Forgotten your password?
signin-failed = The email address or the password is not correct.
signin-limited = Too many sign-in attempts for this address. Please try again in { $wait }.
signin-notice-reset = Your password has been changed. Please sign in.
signin-notice-signed-out = You have been signed out everywhere.
signin-no-account = No account yet? Accounts start with an invitation: the coordinators of your network invite you by email.
limited-title = Please wait a moment
limited-text = There were too many attempts in a short time. Please try again in { $wait }.
limited-why = This limit keeps anyone from guessing passwords or links.

## Invitation and new password

invitation-heading = Welcome, { $name }
invitation-intro = You have been invited to Knotenpunkt. Choose a password for your account { $email } now.
invitation-then = You will be signed in straight away. From then on, sign in with your email address and this password.
invitation-submit = Set password and sign in
invitation-gone-title = This invitation link no longer works
invitation-gone-why = The link has been used already, has expired, or was not copied completely.
invitation-gone-ask = Ask the coordinators of your network for a new invitation; it will arrive by email again.
invitation-gone-done = Have you already set a password with this link? Then simply sign in.
reset-heading = Choose a new password
reset-intro = Choose a new password for your account, then sign in with it. Wherever you were still signed in, you will be signed out.
reset-submit = Change password
reset-gone-title = This reset link no longer works
reset-gone-why = Reset links work for a short time and only once. This one has been used already, has expired, or was not copied completely.
reset-gone-again = Simply ask for a new link.
reset-gone-new-link = Ask for a new link
forgot-title = Forgotten password
forgot-intro = Enter the email address of your account. You will receive a link to choose a new password.
forgot-email-hint = The address your invitation was sent to.
forgot-submit = Send link
forgot-back = Back to sign-in
forgot-sent-title = Please check your inbox
forgot-sent-text = If there is an account for this address, an email is on its way.
forgot-sent-valid = The link in it works for a short time and only once.
forgot-sent-nothing = No email after a few minutes? Look in your spam folder and check the spelling of the address. If you never accepted your invitation, ask the coordinators of your network for a new one.

## My account

account-title = My account
account-toc = On this page
account-data-heading = Your details
account-name = Name
account-email = Email address
account-organization = Organisation
account-function = Function
account-phone = Phone
account-language = Language
account-language-de = German
account-language-en = English
account-admin = Platform administration
account-yes = yes
account-no = no
account-data-note = To change these details, contact the coordinators of your network.
account-password-heading = Change password
account-password-current = Current password
account-password-submit = Change password
account-password-changed = Your password has been changed. Sessions in other browsers have been ended.
account-sessions-heading = Sign-ins
account-sessions-count =
    { $count ->
        [one] You are signed in on one browser: this one.
       *[other] You are signed in on { $count } browsers, including this one.
    }
account-sessions-hint = “Sign out everywhere” ends every sign-in, this one too. Use it if you have lost a device or were signed in on someone else's computer.
account-sign-out-everywhere = Sign out everywhere
account-feed-heading = Personal calendar
account-feed-intro = A secret calendar address with the meetings of every series you follow. Add it to your calendar program as an internet calendar.
account-feed-none = You do not have a calendar address yet.
account-feed-exists = Your calendar address is set up. For your safety it is not shown again. If you have lost it, create a new one; the old one then stops working.
account-feed-create = Create calendar address
account-feed-renew = Create a new calendar address
account-feed-revoke = Revoke calendar address
account-feed-revoked = Your calendar address has been revoked; it no longer works.
account-feed-new-heading = Your new calendar address
account-feed-new-once = This address is shown only now.
account-feed-new-secret = Copy it into your calendar program right away. Anyone who knows the address sees your meetings; do not pass it on.
account-follows-heading = Series you follow
account-follows-none = You do not follow any series yet. You can follow a series on its page.
account-tokens-heading = API tokens
account-tokens-intro = With a personal token, programs use the JSON API on your behalf. They send it in the header “Authorization: Bearer …”.
account-tokens-none = You have no tokens.
token-column-name = Name
token-column-scope = Permission
token-column-created = Created
token-column-used = Last used
token-column-actions = Action
token-never = never
token-revoke = Revoke
token-revoked = The token has been revoked.
token-create-heading = Create a new token
token-name = Name of the token
token-name-hint = What you use it for, for example “annual report script”.
token-name-missing = Please give the token a name.
token-name-long = The name may be at most { $max } characters long.
token-scope = Permission
token-scope-read = Read only
token-scope-read-hint = Sees what you may see and changes nothing.
token-scope-write = Read and write
token-scope-write-hint = May change everything you may change.
token-scope-missing = Please choose a permission.
token-scope-name-read = read
token-scope-name-write = read and write
token-create = Create token
token-new-heading = Your new token “{ $name }”
token-new-once = This token is shown only now; copy it now.
token-new-secret = Anyone who knows the token acts in your name. Keep it like a password.
account-gdpr-heading = Your data
account-gdpr-intro = Everything Knotenpunkt stores about you, as a file in JSON format.
account-gdpr-download = Download my data (JSON)
account-delete-heading = Delete account
account-delete-text = Your account is deleted with all its sign-ins, tokens, roles and followed series. What you entered stays under your organisation's name. This cannot be undone.
account-delete-confirm = Email address to confirm
account-delete-confirm-hint = Enter the address of your account: { $email }
account-delete-missing = Please enter your email address to confirm.
account-delete-mismatch = This is not the address of your account.
account-delete-submit = Delete account for good
account-delete-last-admin = You are the only person with platform administration. Make someone else an administrator first; then you can delete your account.
account-delete-conflict = The account cannot be deleted right now. Please contact the platform administration.

## Following series

follow-heading = Follow this series
follow-submit = Follow series
unfollow-submit = Unfollow
follow-following = You follow this series.
follow-hint = The meetings of the series you follow are in your personal calendar under “My account”.

# Network management

## Managing a network (coordinators)

manage-link = Manage network
manage-nav-label = Parts of the management
manage-nav-overview = Management
manage-nav-members = Members
manage-nav-cohorts = Cohorts
manage-nav-series = Series
manage-nav-invitations = Invitations
manage-nav-roles = Roles
manage-nav-protocol = Log
manage-heading-overview = Management: { $network }
manage-heading-members = Members of { $network }
manage-heading-cohorts = Cohorts of { $network }
manage-heading-series = Meeting series of { $network }
manage-heading-series-edit = Edit series: { $series }
manage-heading-invitations = Invitations to { $network }
manage-heading-roles = Roles in { $network }
manage-heading-protocol = Log of { $network }
manage-overview-intro = As a coordinator you keep members, cohorts and meeting series up to date here, invite people and give roles. Every change is kept in the log.
manage-overview-public = Public page of { $network }
manage-card-members = Add organisations as members and remove memberships.
manage-card-cohorts = Add cohorts (funding rounds) and delete empty ones.
manage-card-series = Add and change meeting series, cancel or move single meetings.
manage-card-invitations = Invite people by e-mail and see who accepted.
manage-card-roles = See who has which role in the network and change roles given directly.
manage-card-protocol = Every change to the network, with when and by whom.
manage-figure-members =
    { $count ->
        [0] No members yet
        [one] 1 current member
       *[other] { $count } current members
    }
manage-figure-cohorts =
    { $count ->
        [0] No cohorts
        [one] 1 cohort
       *[other] { $count } cohorts
    }
manage-figure-series =
    { $count ->
        [0] No meeting series
        [one] 1 meeting series
       *[other] { $count } meeting series
    }
manage-figure-invitations =
    { $count ->
        [0] No open invitations
        [one] 1 open invitation
       *[other] { $count } open invitations
    }
manage-figure-people =
    { $count ->
        [0] No people yet
        [one] 1 person
       *[other] { $count } people
    }
manage-figure-entries =
    { $count ->
        [0] No entries yet
        [one] 1 entry
       *[other] { $count } entries
    }
manage-recent-heading = Latest changes
manage-recent-all = See the whole log

manage-done-member-added = The organisation was added as a member.
manage-done-member-removed = The membership was removed.
manage-done-cohort-added = The cohort was added.
manage-done-cohort-deleted = The cohort was deleted.
manage-done-series-created = The meeting series was added.
manage-done-series-saved = The changes to the meeting series were saved.
manage-done-meeting-changed = The meeting was changed.
manage-done-change-undone = The change was taken back; the meeting follows the rule again.
manage-done-invited = The invitation was sent by e-mail.
manage-done-invited-existing = This person already has an account. They were given the role and told by e-mail.
manage-done-role-changed = The role was changed.

manage-optional = (optional)
manage-choose = Please choose
manage-save = Save changes
manage-delete = Delete
manage-remove = Remove
manage-edit = Edit
manage-undo = Take back
manage-yes = yes
manage-no = no
manage-slug = Short name
manage-slug-hint = For addresses: lowercase letters, digits and hyphens. Leave empty to have it made from the name.
manage-partial-date-hint = Year, month or day: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-05.
manage-problem-heading = Please correct the marked entries
manage-error-prefix = Error:
manage-error-required = Please fill in this field.
manage-error-choose = Please choose an entry from the list.
manage-error-slug = Only lowercase letters a–z, digits and single hyphens, at most 80 characters.
manage-error-slug-missing = No short name can be made from the name; please give one.
manage-error-year = Please give a year between 1800 and 2200, e.g. 2024.
manage-error-partial-date = Please give it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024 or 2024-05-15.
manage-error-datetime = Please give a date and time, e.g. 2026-05-21T17:00 for 21 May 2026, 5 pm.
manage-error-minutes = Please give a whole number of minutes from 1 to 1440.
manage-error-email = Please give a valid e-mail address, e.g. name@city.de.
manage-error-host = Please choose the organisation that hosts every meeting.
manage-error-rotation = Please list the short names of the organisations in their order, one per line.
manage-error-move-to = Please say when the meeting is to take place.
manage-error-too-long = At most { $max } characters.
manage-error-app = This was not accepted. The check says:
manage-error-unavailable = That did not work just now; please try again in a few minutes.
manage-column-action-hidden = Actions

manage-members-list-heading =
    { $count ->
        [0] Current members
        [one] 1 current member
       *[other] { $count } current members
    }
manage-members-intro = Removing deletes the membership entry altogether; the log keeps what it said.
manage-members-caption = Current members of { $network }
manage-member-organization = Organisation
manage-members-add-heading = Add a member
manage-members-add = Add as member

manage-cohorts-list-heading = Cohorts
manage-cohorts-none = This network has no cohorts.
manage-cohorts-caption = Cohorts of { $network }
manage-cohort-name = Name
manage-cohort-name-hint = For example “Staffel 4”.
manage-cohort-year = Year
manage-cohort-motto = Motto
manage-cohort-has-members = has members
manage-cohort-in-use = The cohort “{ $cohort }” still has memberships and cannot be deleted. Remove them first, or add the members again without a cohort.
manage-cohorts-add-heading = Add a cohort
manage-cohorts-add = Add cohort

manage-series-list-heading = Meeting series
manage-series-none = This network has no meeting series yet.
manage-series-caption = Meeting series of { $network }
manage-series-add-heading = New meeting series
manage-series-create = Add meeting series
manage-series-about = What it is about
manage-series-when = When
manage-series-who = Who hosts
manage-series-title = Title
manage-series-slug-hint = Part of the address of the series and its calendar feed. Leave empty to have it made from the title.
manage-series-slug-fixed = The short name stays, so that subscriptions and links keep working.
manage-series-description = Description
manage-series-rule = Rule (RRULE)
manage-series-rule-hint = Recurrence as in RFC 5545, e.g. FREQ=MONTHLY;BYDAY=-1TH (last Thursday of the month) or FREQ=WEEKLY;BYDAY=WE (every Wednesday).
manage-series-start = First meeting
manage-series-start-hint = Date and time in German time, e.g. 2026-01-29T17:00.
manage-series-duration = Length in minutes
manage-series-video = Video conference link
manage-series-holidays = On public holidays
manage-series-hosting = Host
manage-series-host = Fixed host
manage-series-host-hint = Only with “fixed host”.
manage-series-rotation-order = Order
manage-series-rotation-order-hint = Only with “taking turns”.
manage-series-rotation = Set order
manage-series-rotation-hint = Only with “in a set order”: the short names of the organisations, one per line.
manage-series-cohorts = Cohorts taking part
manage-series-cohorts-hint = None chosen: every member of the network takes part.
manage-series-hosted-by = fixed host: { $host }
manage-series-rotating = taking turns, { $order }
manage-series-public = See the page of the series “{ $series }”
manage-series-back = All meeting series
manage-series-settings-heading = Settings of the series
manage-holidays-keep = meeting takes place
manage-holidays-earlier-week = one week earlier
manage-holidays-next-workday = on the next working day
manage-holidays-skip = meeting is dropped
manage-hosting-none = no host
manage-hosting-fixed = fixed host
manage-hosting-rotation = taking turns

manage-meeting-intro = The change applies to this one meeting only; the series' rule stays.
manage-meeting-none = This series has no upcoming meetings.
manage-meeting-date = Meeting
manage-meeting-kind = Change
manage-meeting-cancel = cancel
manage-meeting-move = move
manage-meeting-to = New date and time
manage-meeting-to-hint = Only when moving: date and time, e.g. 2026-05-21T17:00.
manage-meeting-note = Note
manage-meeting-note-hint = Shown on the meeting's page and in calendars, e.g. “summer break”.
manage-meeting-save = Change meeting
manage-changes-heading = Changed meetings
manage-changes-none = No meeting of this series has been changed by hand so far.
manage-column-meeting = Meeting by the rule
manage-column-change = Change
manage-change-cancel = cancelled
manage-change-move = moved to { $when }
manage-change-host = host: { $host }
manage-change-swap = host swapped with the meeting on { $date }

manage-invite-heading = Invite a person
manage-invite-intro = The invited person receives an e-mail with a link to set their password. The link is sent by e-mail only and works until the time shown in the list below.
manage-invite-email = E-mail address
manage-invite-email-hint = The invitation goes to this address.
manage-invite-organization = Organisation
manage-invite-no-organization = not given
manage-invite-members-of = Members of { $network }
manage-invite-other-organizations = Other organisations
manage-invite-role-hint = Guest: sees only what they are invited to. Coordinator: may manage the network.
manage-invite-language = Language of the e-mails
manage-invite-send = Send invitation
manage-invite-too-many = Many invitations were sent just now. Please wait { $minutes ->
        [one] a minute
       *[other] { $minutes } minutes
    } and then send the form again.
manage-invitations-heading = Invitations
manage-invitations-none = Nobody has been invited to this network yet.
manage-invitations-caption = Invitations to { $network }
manage-invite-expired = expired
manage-column-sent = Sent
manage-column-expires = Valid until
manage-column-used = Accepted
manage-language-de = German
manage-language-en = English
manage-network-role-guest = Guest
manage-network-role-partner = Partner
manage-network-role-member = Member
manage-network-role-coordinator = Coordinator

manage-roles-intro = Everyone with a role in the network. The role through the organisation follows from its membership; a person can also be given a role directly. The higher one counts.
manage-roles-none = Nobody has a role in this network yet.
manage-roles-caption = People with a role in { $network }
manage-column-organization = Organisation
manage-column-through = Through the organisation
manage-column-effective = Counts
manage-column-granted = Given directly
manage-role-none = none
manage-role-of = Role given directly to { $name }
manage-role-change = Change
manage-role-own = You cannot change your own role; ask another coordinator to do it.
manage-role-yourself = Your own role is changed by another coordinator.

manage-protocol-intro = Every change to the network, the latest first. Times in German time (Europe/Berlin).
manage-protocol-none = No changes yet.
manage-protocol-caption = Log of { $network }
manage-protocol-beyond = This page of the log does not exist.
manage-column-when = When
manage-column-who = Person
manage-column-action = Change
manage-column-target = Concerns
manage-action-account-delete = Account deleted
manage-action-cohort-create = Cohort added
manage-action-cohort-delete = Cohort deleted
manage-action-funding-call-create = Funding call recorded
manage-action-funding-call-delete = Funding call deleted
manage-action-funding-call-update = Funding call changed
manage-action-exception-cancel = Meeting cancelled
manage-action-exception-delete = Meeting change taken back
manage-action-exception-move = Meeting moved
manage-action-invitation-accept = Invitation accepted
manage-action-invitation-create = Person invited
manage-action-invitation-existing = Role given to an existing account
manage-action-lounge-check-in = Checked in to the lounge
manage-action-lounge-check-out = Checked out of the lounge
manage-action-lounge-draw = Lounge rooms drawn
manage-action-lounge-late = Late joiners placed in lounge rooms
manage-action-lounge-sample = Lounge evening marked as sample data
manage-action-lounge-settings = Lounge settings changed
manage-action-membership-create = Member added
manage-action-membership-delete = Membership removed
manage-action-password-reset = Password reset
manage-action-role-set = Role changed
manage-action-series-create = Meeting series added
manage-action-series-update = Meeting series changed

# Profile forms
profile-edit-link = Edit profile
profile-org-heading = Edit profile: { $organization }
profile-org-form-heading = About the organisation
profile-org-intro = The short name “{ $slug }” in the address stays the same. Kind, state and municipality key are changed by the platform administration.
profile-org-name = Name
profile-website-hint = Full address with https://, e.g. https://www.city.de
profile-population-hint = A whole number without separators, e.g. 52000.
profile-source = Source
profile-source-hint = Where the facts come from, e.g. state statistics office, as of 2024.
profile-save = Save
profile-error-website = Please give a web address starting with https:// or http://, e.g. https://www.city.de.
profile-error-population = Please give a whole number from 0 without separators, e.g. 52000.
profile-editors-heading = Editing rights
profile-editors-intro = These people may edit the organisation's profile.
profile-editors-none = Nobody has editing rights yet.
profile-editor-remove = Withdraw right
profile-editor-add-heading = Give editing rights
profile-editor-add = Give editing rights
profile-editor-email = E-mail address
profile-editor-email-hint = The person needs an account on the platform already.
profile-settings-link = Network settings
profile-settings-heading = Settings: { $network }
profile-settings-form-heading = Name, description and visibility
profile-network-name = Name
profile-network-description = Description
profile-network-description-hint = A few sentences on what the network is and does.
profile-visibility = Visibility
profile-visibility-public = Public: everyone sees the network, without signing in
profile-visibility-network = Network only: only signed-in members see it
profile-visibility-group = Only the group “{ $group }”
profile-visibility-hint = “Network only” hides the network from everyone else.
profile-visibility-explained = “Network only” means: for everyone outside the network, the network, its members list, its meeting series and its calendar disappear – from lists and search results too; whoever opens the address gets “page not found”. Coordinators and members still see everything after signing in.
profile-done-profile-saved = The profile has been saved.
profile-done-editor-added = The person may now edit the profile.
profile-done-editor-removed = The person may no longer edit the profile.
profile-done-settings-saved = The settings have been saved.

# Meeting forms
meeting-form-saved-agenda-added = The agenda point has been proposed.
meeting-form-saved-agenda-removed = The agenda point has been removed.
meeting-form-saved-minutes = The minutes have been saved.
meeting-form-saved-attendance = The attendance has been saved.
meeting-form-badge-network = network only
meeting-form-badge-group = group { $group } only
meeting-form-visibility = Who may read it?
meeting-form-visibility-network = network only
meeting-form-visibility-public = public
meeting-form-error-visibility = Please choose who may read it.
meeting-form-error-on-behalf = You can only propose on behalf of your own organisation.
meeting-form-error-organization = This organisation is unknown.
meeting-form-agenda-heading = Propose an agenda point
meeting-form-agenda-text = Agenda point
meeting-form-agenda-hint = At most { $max } characters.
meeting-form-agenda-on-behalf = On behalf of { $organization }
meeting-form-agenda-submit = Propose
meeting-form-agenda-remove = Remove
meeting-form-minutes-heading = Write the minutes
meeting-form-minutes-text = Minutes
meeting-form-minutes-hint = An empty field removes the minutes.
meeting-form-minutes-submit = Save the minutes
meeting-form-attendance-heading = Record attendance
meeting-form-attendance-legend = Organisations present
meeting-form-attendance-none = No organisations are known for this series.
meeting-form-attendance-submit = Save attendance
meeting-form-saved-unavailable = The dates have been saved.
meeting-form-error-date = Please choose only the dates offered.
meeting-form-unavailable-heading = Dates on which we cannot host
meeting-form-unavailable-intro = For { $organization }: on the dates ticked, the next organisation in the order hosts.
meeting-form-unavailable-legend = The next meetings
meeting-form-unavailable-submit = Save the dates

# --- manage forms (groups, edits, delete, host/swap) ---

manage-heading-member-edit = Edit membership: { $organization }
manage-heading-cohort-edit = Edit cohort: { $cohort }
manage-done-member-saved = The membership was saved.
manage-done-cohort-saved = The cohort was saved.
manage-members-back = All members
manage-member-edit-heading = The membership
manage-member-left = Left
manage-member-left-hint = Empty while the organisation is a member. With a date it no longer shows among the current members. YYYY, YYYY-MM or YYYY-MM-DD.
manage-cohorts-back = All cohorts
manage-cohort-edit-heading = The cohort
manage-cohort-slug-fixed = The slug stays, so memberships and meeting series keep referring to the cohort.
manage-action-cohort-update = Cohort changed
manage-action-comment-add = Comment or question written
manage-action-experience-create = Experience shared
manage-action-experience-delete = Experience deleted
manage-action-experience-update = Experience changed
manage-action-project-create = Project added
manage-action-project-delete = Project deleted
manage-action-project-update = Project changed
manage-action-membership-update = Membership changed
manage-nav-groups = Groups
manage-heading-groups = Groups of { $network }
manage-heading-group-edit = Edit group: { $group }
manage-card-groups = Create named groups for the visibility "group only" and choose who is in them.
manage-figure-groups =
    { $count ->
        [0] No groups yet
        [one] 1 group
       *[other] { $count } groups
    }
manage-done-group-created = The group was created.
manage-done-group-saved = The group was saved.
manage-groups-list-heading = Groups
manage-groups-intro = A group decides who sees content with the visibility "group:slug", such as agenda points or minutes. Its members are people with an account.
manage-groups-none = This network has no groups yet.
manage-groups-caption = Groups of { $network }
manage-groups-add-heading = Create a group
manage-groups-add = Create group
manage-groups-back = All groups
manage-group-edit-heading = Name and members
manage-group-name = Name
manage-group-visibility = Visibility
manage-group-members = Members
manage-group-members-hint = People with a role in this network. Whoever is not ticked is not in the group.
manage-group-empty = nobody
manage-group-nobody = Nobody has a role in this network yet; invite people first.
manage-group-slug-hint = Part of the visibility "group:slug". Leave empty to derive it from the name.
manage-group-slug-fixed = The slug stays, because content refers to the group as "group:slug".
manage-error-group-exists = A group with this slug exists already; change it with "Edit" or choose another slug.
manage-action-group-create = Group created
manage-action-group-update = Group changed
manage-action-group-join = Joined a working group
manage-action-group-request = Asked to join a working group
manage-action-group-accept = Request to join a working group accepted
manage-action-group-decline = Request to join a working group declined
manage-action-group-leave = Left a working group
manage-done-series-deleted = The meeting series was deleted.
manage-meeting-heading-change = Change one meeting
manage-meeting-host = set the host
manage-meeting-swap = swap hosts with another meeting
manage-meeting-host-org = Host of this meeting
manage-meeting-host-org-hint = Only for "set the host"; it counts as this organisation's turn.
manage-meeting-with = Swap with the meeting on
manage-meeting-with-hint = Only for swapping: the hosts of the two meetings change places.
manage-error-host-org = Please choose the organisation that hosts this meeting.
manage-error-swap-with = Please choose the meeting to swap with.
manage-series-delete-heading = Delete the meeting series
manage-series-delete-intro = Deletes the series with all changed meetings, agenda points, minutes and attendance. Subscribed calendars lose its meetings. This cannot be undone; the management log keeps the entry.
manage-series-delete-legend = Confirmation
manage-series-delete-confirm = Yes, delete the series "{ $series }" for good
manage-series-delete-submit = Delete meeting series
manage-error-delete-confirm = Please confirm the deletion with the tick box.
manage-action-exception-host = Host of a meeting set
manage-action-exception-swap = Hosts swapped
manage-action-series-delete = Meeting series deleted

# --- former members ---
manage-members-former =
    { $count ->
        [one] 1 former member
       *[other] { $count } former members
    }
manage-members-left = left

# --- platform administration ---
platform-link = Administer the platform
platform-link-hint = Create networks and organisations, manage every network.
platform-heading = Platform administration
platform-intro = As a platform admin you create new networks and organisations here and reach the management of every network and the profile of every organisation.
platform-networks-heading = Networks
platform-networks-none = No networks have been entered yet.
platform-network-new = Create a network
platform-manage-network = Manage
platform-orgs-heading = Organisations
platform-org-new = Create an organisation
platform-orgs-search-label = Search organisations
platform-org-count = { $total ->
    [one] { $shown } of 1 organisation shown
   *[other] { $shown } of { $total } organisations shown
}
platform-edit-org = Edit profile
platform-visibility-public = public
platform-visibility-network = network only
platform-visibility-group = group “{ $group }” only
platform-network-heading = Create a network
platform-network-form-heading = About the network
platform-network-intro = Once it is created you are taken to the network's management, where you add members and invite its coordinators.
platform-network-submit = Create the network
platform-coordinator = Coordinating organisation
platform-coordinator-hint = The short name of an organisation in the directory, e.g. kaiserslautern. Leave empty if there is none yet.
platform-founded-on = Founded
platform-org-heading = Create an organisation
platform-org-form-heading = About the organisation
platform-org-intro = Once it is created you are taken to the organisation's profile, where you name who may edit it.
platform-org-submit = Create the organisation
platform-kind-choose = Please choose
platform-states-hint = Several states only for cooperations and regions.
platform-ags-hint = Eight digits, e.g. 07312000 for Kaiserslautern.
platform-error-states = Please choose at least one state.
platform-error-ags = An official municipality key has exactly eight digits.
manage-done-network-created = The network has been created.
profile-done-organization-created = The organisation has been created.
manage-action-network-create = Network created
manage-action-organization-create = Organisation created
manage-action-agenda-add = Agenda point raised
manage-action-agenda-delete = Agenda point removed
manage-action-attendance-set = Attendance recorded
manage-action-exception-set = Meeting changed
manage-action-minutes-set = Minutes saved
manage-action-minutes-delete = Minutes removed
manage-action-unavailable-set = Unavailable dates declared
manage-action-network-update = Network settings changed
manage-action-organization-update = Organisation profile changed
manage-action-organization-editor-grant = Right to edit a profile given
manage-action-organization-editor-revoke = Right to edit a profile taken away
manage-action-api-post-networks = Network created through the API
manage-action-api-put-networks = Network changed through the API
manage-action-api-delete-networks = Network deleted through the API
manage-action-api-post-organizations = Organisation created through the API
manage-action-api-put-organizations = Organisation changed through the API
manage-action-api-delete-organizations = Organisation deleted through the API
manage-action-api-post-networks-cohorts = Cohort created through the API
manage-action-api-put-networks-cohorts = Cohort changed through the API
manage-action-api-delete-networks-cohorts = Cohort deleted through the API
manage-action-api-post-networks-funding-calls = Funding call recorded through the API
manage-action-api-put-networks-funding-calls = Funding call changed through the API
manage-action-api-delete-networks-funding-calls = Funding call deleted through the API
manage-action-api-put-networks-groups = Group set through the API
manage-action-api-put-me-reminders = Reminders chosen through the API
manage-action-api-put-networks-working-groups = Working group set through the API
manage-action-api-post-networks-working-groups-members = Joined or asked to join a working group through the API
manage-action-api-delete-networks-working-groups-members = Left a working group through the API
manage-action-api-put-networks-working-groups-requests = Request to join a working group decided through the API
manage-action-api-post-memberships = Membership created through the API
manage-action-api-put-memberships = Membership changed through the API
manage-action-api-delete-memberships = Membership removed through the API
manage-action-api-post-cooperations = Cooperation created through the API
manage-action-api-put-cooperations = Cooperation changed through the API
manage-action-api-delete-cooperations = Cooperation deleted through the API
manage-action-api-post-experiences = Experience shared through the API
manage-action-api-put-experiences = Experience changed through the API
manage-action-api-delete-experiences = Experience deleted through the API
manage-action-api-post-experiences-comments = Comment written through the API
manage-action-api-post-projects = Project added through the API
manage-action-api-put-projects = Project changed through the API
manage-action-api-delete-projects = Project deleted through the API
manage-action-api-post-series = Meeting series created through the API
manage-action-api-put-series = Meeting series changed through the API
manage-action-api-delete-series = Meeting series deleted through the API
manage-action-api-put-series-exceptions = Meeting changed through the API
manage-action-api-delete-series-exceptions = Meeting change undone through the API
manage-action-api-put-series-unavailable = Unavailable dates declared through the API
manage-action-api-post-series-meetings-agenda = Agenda point raised through the API
manage-action-api-delete-series-meetings-agenda = Agenda point removed through the API
manage-action-api-put-series-meetings-minutes = Minutes saved through the API
manage-action-api-put-series-meetings-attendance = Attendance recorded through the API
manage-action-api-put-series-lounge = Lounge settings changed through the API
manage-action-api-delete-series-lounge = Lounge ended through the API (an ordinary series again)
manage-action-api-post-series-meetings-lounge-checkins = Checked in to the lounge through the API
manage-action-api-delete-series-meetings-lounge-checkins = Checked out of the lounge through the API
manage-action-api-post-series-meetings-lounge-rounds = Lounge rooms drawn through the API
manage-action-api-post-series-meetings-lounge-rounds-late = Late joiners placed in lounge rooms through the API
manage-action-api-created = Created through the API: { $route }
manage-action-api-changed = Changed through the API: { $route }
manage-action-api-deleted = Deleted through the API: { $route }
manage-action-other = Other change ({ $code })

# --- platform: cooperations and deletions ---
manage-action-cooperation-create = Cooperation created
manage-action-cooperation-update = Cooperation changed
manage-action-directory-import = Directory imported
manage-action-cooperation-delete = Cooperation deleted
manage-action-network-delete = Network deleted
manage-action-organization-delete = Organisation deleted
manage-done-cooperation-created = The cooperation was created.
manage-done-cooperation-saved = The cooperation was saved.
manage-done-cooperation-deleted = The cooperation was deleted.
manage-done-network-deleted = The network was deleted.
manage-done-organization-deleted = The organisation was deleted.
platform-delete = Delete
platform-delete-legend = Confirmation
platform-delete-cancel = Cancel and back to the overview
platform-coops-heading = Cooperations
platform-coops-none = No cooperations are listed yet.
platform-coop-new = Create a cooperation
platform-coop-edit = Edit
platform-coop-new-heading = Create a cooperation
platform-coop-edit-heading = Edit the cooperation "{ $name }"
platform-coop-form-heading = About the cooperation
platform-coop-name = Name of the cooperation
platform-coop-partners-hint = Choose at least two organisations.
platform-coop-cadence-hint = In words, e.g. "at least monthly".
platform-coop-create = Create cooperation
platform-coop-save = Save changes
platform-error-partners = Please choose at least two organisations.
platform-coop-delete-heading = Delete the cooperation
platform-coop-delete-intro = The cooperation disappears from its partners' pages. This cannot be undone; the log keeps the entry.
platform-coop-delete-confirm = Yes, delete the cooperation "{ $name }" for good
platform-coop-delete-submit = Delete cooperation
platform-network-delete-heading = Delete the network "{ $name }"
platform-network-delete-intro = Deletes the network with its memberships, cohorts, meeting series, roles, invitations and its log. The organisations stay listed. This cannot be undone.
platform-network-delete-confirm = Yes, delete the network "{ $name }" for good
platform-network-delete-submit = Delete network
platform-network-delete-in-use = The network "{ $name }" cannot be deleted yet because something still refers to it.
platform-org-delete-heading = Delete the organisation "{ $name }"
platform-org-delete-intro = Deletes the organisation's profile. This is possible only while it is no member of a network, takes part in no cooperation, coordinates no network and is no part of another organisation. This cannot be undone.
platform-org-delete-confirm = Yes, delete the organisation "{ $name }" for good
platform-org-delete-submit = Delete organisation
platform-org-delete-in-use = The organisation "{ $name }" was not deleted: it is still a member of a network, a partner in a cooperation, the coordinator of a network or a part of another organisation. Remove those first.

# --- profile: figures and parts ---
profile-figures = Published member counts
profile-figures-hint = One figure per line in the form "YYYY[-MM[-DD]]; count; exact|more than; source", e.g. "2021-09; 29; exact; ikone-ds.de". "more than" is for statements such as "more than 30 members"; the German words "genau" and "mehr als" are accepted too. An empty field means no published figures.
profile-figure-exact = exact
profile-figure-more-than = more than
profile-figure-error-date-missing = Line { $line }: the date is missing.
profile-figure-error-date = Line { $line }: "{ $value }" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.
profile-figure-error-count-missing = Line { $line }: the count is missing.
profile-figure-error-count = Line { $line }: "{ $value }" is not a whole number from 0 without separators.
profile-figure-error-qualifier-missing = Line { $line }: "exact" or "more than" is missing.
profile-figure-error-qualifier = Line { $line }: "{ $value }" is neither "exact" nor "more than".
profile-figure-error-source-missing = Line { $line }: the source is missing.
profile-figure-error-source-long = Line { $line }: the source is longer than { $max } characters.
profile-parts = Parts of the association
profile-parts-hint = The short names (slugs) of the organisations the association consists of, one per line, e.g. "arnsberg". The short name is in the organisation's address: /organisationen/arnsberg.
profile-parts-error-unknown = Line { $line }: "{ $slug }" is not an organisation in the directory.
profile-error-too-many-lines = At most { $max } lines.

# --- the After Work Lounge ---
lounge-title = After Work Lounge · { $date }
lounge-crumb = Lounge
lounge-settings-words = Rooms of { $size }, { $rounds ->
        [one] one round
       *[other] { $rounds } rounds
    } of { $minutes } minutes; { $mix }, people of one organisation sit { $seating }.
lounge-mix-cohorts = cohorts are mixed
lounge-mix-states = states are mixed
lounge-mix-cohorts-and-states = cohorts and states are mixed
lounge-mix-nothing = nothing is mixed
lounge-seating-together = together
lounge-seating-apart = apart
lounge-video-installation = this installation's video service
lounge-video-series-link = the series' video link
lounge-video-none = no video room (the lounge meets in another tool)
lounge-cancelled = This meeting is cancelled.
sample-data = Sample data
sample-tag = Sample
lounge-sample = This evening did not take place. The demo shows it so that the page is filled: the organisations are real model projects, who took part and who met whom is invented.
lounge-meeting-link = To the meeting
lounge-coverage-link = Who has met whom?
lounge-present-heading = { $count ->
        [0] Nobody is here yet
        [one] 1 person is here
       *[other] { $count } people are here
    }
lounge-present-none = Nobody has checked in yet.
lounge-join = I'm in
lounge-you = you
lounge-leave-own = I'm leaving
lounge-leave = check out
lounge-partners = Partners
lounge-form-heading = Check someone in
lounge-form-organization = Organisation
lounge-form-organization-choose = Please choose
lounge-form-name = Display name
lounge-form-submit = Check in
lounge-rounds-heading = Rounds and rooms
lounge-rounds-none = No round has been drawn yet.
lounge-draw = Draw rooms (round { $round })
lounge-late = { $count ->
        [one] Place late joiners (1 person)
       *[other] Place late joiners ({ $count } people)
    }
lounge-waiting = Without a room so far:
lounge-round-heading = Round { $round }
lounge-round-ends = ends at { $time }
lounge-room-heading = Room { $room }
lounge-room-yours = Your room
lounge-late-joiner = joined later
lounge-enter = Enter the video room
lounge-done-checked-in = The check-in is saved.
lounge-done-checked-out = The check-out is saved.
lounge-done-drawn = The rooms are drawn.
lounge-done-already-drawn = This round had already been drawn; nothing was changed.
lounge-done-late-placed = The late joiners have been placed.
lounge-done-no-video = This lounge has no video rooms.
lounge-error-checkin = There is no such check-in on this evening.
lounge-error-organization = Please choose an organisation.
lounge-error-round = The round must be a whole number.
lounge-percent = { $value }%
meeting-lounge-link = To this evening's After Work Lounge
network-coverage-link = Who has met whom in the lounge?

# --- who has met whom ---
coverage-heading = Who has met whom? · { $network }
coverage-crumb = Encounters
coverage-intro = Which organisations of the network have already met in the rooms of the After Work Lounge. Every shared round counts.
coverage-sample = { $sample } of the { $count } evenings here are invented sample evenings of the demo; their encounters count and are marked “Sample” in the tables.
coverage-figure-pairs = Pairs that have met
coverage-figure-across = Of them across cohorts
coverage-figure-evenings = Evenings with rooms
coverage-pairs-met = { $met } of { $possible } ({ $share })
coverage-heat-heading = All pairs at a glance
coverage-heat-title = Encounters in the network { $network }
coverage-heat-desc = Matrix of the { $count } organisations, grouped by cohort; { $met } pairs have met. Every coloured cell names the number of encounters; the table below holds the same.
coverage-heat-caption = Rows and columns are the organisations in the same order (column 1 is row 1); thick lines separate the cohorts. The number in a cell says how often two organisations have met.
coverage-cell-title = { $a } and { $b }: { $count ->
        [one] once
       *[other] { $count } times
    }, last on { $last }
coverage-legend-0 = never
coverage-legend-1 = once
coverage-legend-2 = twice
coverage-legend-3 = three times or more
coverage-none = No evening with rooms has taken place yet.
coverage-pairs-summary = The encounters as a table
coverage-pairs-caption = Pairs that have met
coverage-column-a = Organisation
coverage-column-b = met
coverage-column-count = How often
coverage-column-last = Last
coverage-column-organization = Organisation
coverage-column-evening = Evening
coverage-chart-heading = Over time
coverage-chart-title = Share of pairs that have met in the network { $network }
coverage-chart-desc = After { $evenings ->
        [one] one evening
       *[other] { $evenings } evenings
    }, { $share } of all pairs have met, { $across } of the pairs across cohorts.
coverage-legend-share = all pairs
coverage-legend-across = across cohorts
coverage-points-summary = Over time as a table
coverage-never-heading = { $count ->
        [one] 1 pair has never met
       *[other] { $count } pairs have never met
    }
coverage-never-count = { $count ->
        [one] 1 organisation further down the list
       *[other] { $count } organisations further down the list
    }
coverage-never-none = All organisations have met.
org-met-heading = Whom have we met?
org-met-caption = Encounters in the lounge of { $network }
org-met-none = No encounters in the lounge yet.
org-met-not-yet = Not met yet:
org-met-coverage-link = All encounters in the network

# --- management: a series' lounge ---
manage-series-lounge-link = Lounge settings
manage-lounge-heading = Lounge: { $series }
manage-lounge-back = Back to the series
manage-lounge-form-heading = After Work Lounge
manage-lounge-intro = A lounge splits the people present on an evening into rounds of small rooms, so that organisations meet that do not know each other yet.
manage-lounge-legend = Lounge
manage-lounge-is-lounge = This series is a lounge
manage-lounge-room-size = People per room
manage-lounge-rounds = Rounds per evening
manage-lounge-minutes = Minutes per round
manage-lounge-mix = Mix
manage-lounge-seating = People of one organisation
manage-lounge-video = Video rooms
manage-lounge-error-number = Please give a whole number.
manage-lounge-error-choice = Please choose one of the values offered.
manage-done-lounge-saved = The lounge settings have been saved.

## Search
search-title = Search
search-label = Search for
search-placeholder = Search …
search-submit = Search
search-hint = Searches the organisations, networks, meeting series, agenda points and minutes you may see. Other forms of a word and parts of German compound words are found too: “Sensor” finds “Füllstandssensoren”, “muell” finds “Müll”.
search-found =
    { $count ->
        [0] No results for “{ $q }”
        [one] 1 result for “{ $q }”
       *[other] { $count } results for “{ $q }”
    }
search-relaxed = No entry contains every word of the search; these entries contain some of them.
search-none = Nothing found. Try another or a shorter word.
search-facets = Narrow down
search-facet-kind = Kind
search-facet-topic = Field of action
search-facet-state = State
search-facet-outcome = Outcome
search-facet-network = Network
search-facet-remove = (remove filter)
search-kind-organization = Organisation
search-kind-network = Network
search-kind-project = Project
search-kind-experience = Lessons learned
search-kind-series = Meeting series
search-kind-agenda = Agenda point
search-kind-minutes = Minutes
search-bad-q = The search text is too long: at most { $max } characters.
search-bad-kind = “{ $value }” is not a known kind of entry.

## Knowledge exchange: projects and experiences (issue 13)
nav-projects = Projects
nav-experiences = Experiences
topic-mobility = Mobility
topic-energy-environment = Energy & environment
topic-administration = Administration
topic-society = Society & participation
topic-education = Education
topic-health = Health
topic-economy = Economy & trade
topic-data-infrastructure = Data & infrastructure
topic-safety = Safety
project-status-planned = planned
project-status-running = running
project-status-completed = completed
project-status-stopped = stopped
outcome-success = successful
outcome-mixed = mixed
outcome-failed = failed
outcome-open = open
knowledge-projects-title = Projects
knowledge-projects-intro = What the municipalities of the networks plan, run and have completed – with their experiences.
knowledge-projects-count =
    { $count ->
        [0] No projects
        [one] 1 project
       *[other] { $count } projects
    }
knowledge-projects-none = No project you may see has been entered yet.
knowledge-project-by = { $org } · { $count ->
        [one] 1 experience
       *[other] { $count } experiences
    }
knowledge-project-new = Add a project
knowledge-project-create = Add the project
knowledge-project-edit = Edit the project
knowledge-project-form-intro = Describe a project of your organisation. Name contact people only if they agreed.
knowledge-project-experiences = Experiences of this project
knowledge-project-no-experiences = There is no experience of this project you may see yet.
knowledge-project = Project
knowledge-project-hint = The key of a project of your organisation (from its address, e.g. smart-city-living-lab); leave empty if the report belongs to no project.
knowledge-experiences-title = Experiences
knowledge-experiences-intro = What worked and what did not: open reports of the municipalities, so nobody has to repeat another city's mistakes.
knowledge-experiences-count =
    { $count ->
        [0] No experiences
        [one] 1 experience
       *[other] { $count } experiences
    }
knowledge-experiences-none = There is no experience you may see yet.
knowledge-experience-new = Share an experience
knowledge-experience-create = Share the experience
knowledge-experience-edit = Edit the report
knowledge-experience-form-intro = Tell what you tried, how it went and what you would do differently today. Many share failures within the network only: choose the visibility for that.
knowledge-bad-filter = The filter "{ $field }" has an unknown value and was not applied.
knowledge-status = Status
knowledge-organization = Organisation
knowledge-partners = Partners
knowledge-partners-hint = One organisation key per line (from its address, e.g. dfki).
knowledge-period = Period
knowledge-period-both = { $from } to { $to }
knowledge-period-since = since { $from }
knowledge-period-until = until { $to }
knowledge-funding = Funding programme
knowledge-summary = Description
knowledge-contacts = Contact people
knowledge-contacts-hint = One person per line: name; role; e-mail (role and e-mail optional). Only people who agreed.
knowledge-links = Links
knowledge-links-hint = One web address per line, starting with https://.
knowledge-started = Start
knowledge-ended = End
knowledge-title = Title
knowledge-report = Report
knowledge-differently = What we would do differently
knowledge-author = Shared by
knowledge-lang = Language of the report
knowledge-lang-de = German
knowledge-lang-en = English
knowledge-network = Network
knowledge-no-network = – no network –
knowledge-network-hint = The network "network only" or a group refers to.
knowledge-visibility = Visibility
knowledge-visibility-hint = Everyone reads public entries; "network only" is read by the members, partners and coordinators of the chosen network.
knowledge-visibility-public = public
knowledge-visibility-network = network only
knowledge-visibility-group = group { $group } only
knowledge-visibility-group-of = group { $group } only ({ $network })
knowledge-markdown-hint = Paragraphs, **bold**, *italics*, lists with "-" and links like [text](https://…) are shown; images and HTML are not.
knowledge-form-heading = Details
knowledge-save = Save
knowledge-edit-heading = Edit "{ $title }"
knowledge-delete-heading = Delete
knowledge-delete-confirm = Yes, delete for good (a report's comments go with it; a project's reports stay).
knowledge-delete-submit = Delete for good
knowledge-error-topics = Choose at least one field of action.
knowledge-error-partner = "{ $line }" is not an organisation key.
knowledge-error-contact = "{ $line }": the e-mail address is not valid.
knowledge-error-project = That is not a project key.
knowledge-similar = Similar projects in other municipalities
knowledge-similar-none = No similar projects or reports of other municipalities found yet.
knowledge-comments = Comments and questions
knowledge-comments-none = No comments yet.
knowledge-comment-heading = Comment or ask
knowledge-comment-text = Your comment
knowledge-comment-kind = Kind
knowledge-comment-question = This is a question to the authors
knowledge-comment-question-hint = The report's organisation is told by e-mail either way.
knowledge-comment-submit = Send
knowledge-comment-sign-in = Sign in to comment
knowledge-question = Question
knowledge-done-project-created = The project was added.
knowledge-done-project-saved = The project was saved.
knowledge-done-project-deleted = The project was deleted.
knowledge-done-experience-created = Your experience was shared.
knowledge-done-experience-saved = The report was saved.
knowledge-done-experience-deleted = The report was deleted.
knowledge-done-comment-added = Your comment was published.
knowledge-done-question-asked = Your question was asked; the report's organisation was told.
search-advice = Who to ask?
search-advice-intro = Organisations with the most relevant experience:
search-advice-because = Because of:
org-knowledge-heading = Projects and experiences
org-project-partner = partner of { $org }
knowledge-choose-organization = – please choose –

# Funding calls in the management (issue 14)
manage-nav-calls = Funding calls
manage-heading-calls = Funding calls of { $network }
manage-heading-call-edit = Edit funding call: { $call }
manage-calls-back = All funding calls
manage-calls-list-heading = Recorded funding calls
manage-calls-none = No funding calls recorded yet.
manage-calls-caption = Funding calls of { $network }, latest deadline first
manage-calls-add-heading = Record a funding call
manage-calls-add = Record funding call
manage-call-edit-heading = Change the funding call
manage-call-title = Title
manage-call-funder = Funder
manage-call-funder-hint = For example the ministry or the foundation.
manage-call-programme = Programme
manage-call-link = Publication (web address)
manage-call-deadline = Deadline
manage-call-passed = (passed)
manage-call-states = Eligible in the states
manage-call-kinds = Eligible organisations
manage-call-anyone-hint = Nothing ticked means: no restriction.
manage-call-topics = Fields of action
manage-call-description = Description
manage-error-date = Please give a date, e.g. 2027-03-31.
manage-error-link = Please give a web address starting with https:// or http://.
manage-done-call-added = The funding call was recorded.
manage-done-call-deleted = The funding call was deleted.
manage-done-call-saved = The funding call was saved.

# Joint applications (issue 14)
manage-action-application-create = Joint application recorded
manage-action-application-delete = Joint application deleted
manage-action-application-update = Joint application changed
manage-action-application-task-create = Task added to an application
manage-action-application-task-delete = Task of an application deleted
manage-action-application-task-update = Task of an application changed
manage-action-api-post-networks-applications = Joint application recorded (API)
manage-action-api-put-networks-applications = Joint application changed (API)
manage-action-api-delete-networks-applications = Joint application deleted (API)
manage-action-api-post-networks-applications-tasks = Task added to an application (API)
manage-action-api-put-networks-applications-tasks = Task of an application changed (API)
manage-action-api-delete-networks-applications-tasks = Task of an application deleted (API)
application-status-idea = Idea
application-status-preparing = In preparation
application-status-submitted = Submitted
application-status-granted = Granted
application-status-rejected = Rejected
application-status-withdrawn = Withdrawn
network-applications-heading = Joint applications
network-applications-link = All of the network's joint applications
network-applications-active = Applications in progress
applications-heading = Joint applications of { $network }
applications-intro = Organisations of the network prepare funding applications together here: who applies, who takes part, which call it answers and who has taken on which task by when. Only the network or one of its groups sees an application.
applications-none = No joint applications you may see yet.
applications-new = Record a new joint application
applications-caption = Joint applications of { $network }, the most recently moved first
applications-pipeline = Where the applications stand
application-title = Title
application-lead = Lead applicant
application-partners = Partners
application-partners-hint = Organisations of the network that take part.
application-call = Funding call
application-call-none = – no recorded call –
application-call-deadline = deadline { $date }
application-status = Status
application-status-on = Since
application-status-on-hint = The day the application reached this status; empty means today. A new status enters the history with its day.
application-description = Description
application-visibility = Visible to
application-visibility-network = the whole network
application-visibility-group = group { $group }
application-history = History
application-tasks = Tasks
application-task = Task
application-task-by = Who
application-task-due = Due
application-task-state = Done?
application-task-done = done
application-task-open = open
application-task-overdue = overdue
application-task-add = Add task
application-task-add-heading = New task
application-task-mark-done = Mark as done
application-task-reopen = Reopen
application-task-delete = Delete task
application-no-tasks = No tasks yet.
application-edit = Edit application
application-delete = Delete application
application-delete-heading = Delete application
application-delete-confirm = Yes, delete this application with its history and tasks.
application-new-heading = New joint application
application-edit-heading = Edit application: { $application }
application-save = Save application
application-create = Record application
application-back = All of the network's applications
application-from-cooperation = From the cooperation
application-choose-lead = – please choose –
cooperation-events = Events
cooperation-applications = Joint applications
applications-done-application-created = The application has been recorded.
applications-done-application-saved = The application has been saved.
applications-done-application-deleted = The application has been deleted.
applications-done-task-added = The task has been added.
applications-done-task-saved = The task has been saved.
applications-done-task-deleted = The task has been deleted.

# Events (issue 14)
manage-action-event-create = Event recorded
manage-action-event-update = Event changed
manage-action-event-delete = Event deleted
manage-action-event-close = Registration for an event closed or opened again
manage-action-event-register = Registration for an event
manage-action-event-cancel = Registration for an event cancelled
manage-action-api-post-networks-events = Event recorded (API)
manage-action-api-put-events = Event changed (API)
manage-action-api-delete-events = Event deleted (API)
manage-action-api-put-events-closed = Registration closed or opened (API)
manage-action-api-post-events-registrations = Registration for an event (API)
manage-action-api-delete-events-registrations = Registration for an event cancelled (API)
event-kind-workshop = Workshop
event-kind-conference = Conference
event-kind-webinar = Online seminar
event-edit = Edit event
event-when = When
event-address = Where
event-online = Online
event-places = Seats
event-seats = { $seated } of { $capacity } seats taken
event-waiting-count = { $count } on the waiting list
event-deadline = Register by
event-deadline-hint = Empty means: until it begins.
event-closed = Registration is closed.
event-registration-heading = Registration
event-register = Register
event-sign-in = Sign in to Knotenpunkt to register for this event.
event-not-open = Registration is not (or no longer) possible.
event-registered-elsewhere = You are registered.
event-cancel-mine = Cancel my registration
event-cancel-other = Cancel
event-status-seated = You have a seat.
event-status-waiting = On the waiting list.
event-status-waiting-at = Waiting list, place { $position }
event-status-cancelled = Cancelled
event-participants = Participants
event-csv = Download the participant list as CSV
event-close = Close registration
event-open-again = Open registration again
event-no-participants = No registrations yet.
event-add-heading = Register someone
event-add-name = Name
event-add-email = E-mail address
event-add = Register
event-organization = Organisation
event-status = Status
event-registered-at = Registered on
event-error-email = Please give an e-mail address, e.g. name@city.de.
event-error-time = Please give a date and time, e.g. 2027-03-04T09:30.
event-error-capacity = Please give a number from 1 to 100,000.
event-for-public = everyone (public)
event-for-network = the network
event-for-group = the group { $group }
event-title = Title
event-kind = Kind
event-starts = Begins (Berlin time)
event-ends = Ends (Berlin time)
event-capacity = Seats
event-audience = Who may register
event-question = Question when registering
event-question-hint = For instance about dietary needs. The answers are deleted after the event.
event-description = Description
event-new-heading = New event
event-edit-heading = Edit event: { $event }
event-create = Record event
event-save = Save event
event-form-intro = Workshops, conferences and online seminars of the network: when every seat is taken, further registrations join the waiting list, and whoever drops out frees the seat for the first one there, who is told by mail.
event-delete-confirm = Yes, delete this event with all its registrations.
network-events-heading = Events
network-events-new = Record an event
event-done-created = The event has been recorded.
event-done-saved = The event has been saved.
event-done-deleted = The event has been deleted.
event-done-registered = You are registered.
event-done-waiting = Every seat is taken: you are on the waiting list and will be told by mail as soon as a seat is free.
event-done-added = The person has been registered.
event-done-cancelled = The registration has been cancelled.
event-done-closed = Registration is closed.
event-done-opened = Registration is open again.
event-only-network = For the network only
event-only-group = For the group { $group } only
event-list-seated = registered
event-list-waiting = waiting list
event-list-cancelled = cancelled
event-cooperation = From the cooperation
event-cooperation-choice = From a cooperation
event-cooperation-none = – none –
event-cooperation-hint = When partners of a cooperation hold the event, their pages list it under the cooperation.
event-ics = Add to calendar (.ics)
event-guest-intro = Register with your name and e-mail address. You will get a mail with a link; only once you confirm there are you registered.
event-guest-submit = Request registration
event-sign-in-instead = Or sign in to Knotenpunkt and register with one click.
event-confirm-heading = Confirm your registration
event-confirm-intro = Confirm your registration here. If a seat is free, it is yours; otherwise you join the waiting list and are told as soon as a seat is free.
event-confirm-submit = Confirm registration
event-done-requested = Almost done: we have sent you a mail. Please confirm the registration with the link in it (within two days).
event-done-confirmed = Your registration is confirmed: you have a seat. A mail with the link to cancel is on its way.
event-done-confirmed-waiting = Your registration is confirmed: every seat is taken, you are on the waiting list and will be told by mail as soon as a seat is free. A mail with the link to cancel is on its way.
event-link-heading = Cancel your registration
event-link-done-heading = Cancelled
event-link-event = Event
event-link-when = Begins
event-link-name = Registered as
event-link-seated = You have a seat. If you cannot come, free it here; the first on the waiting list then moves up.
event-link-waiting = You are on the waiting list. If you no longer wish to take part, cancel here.
event-link-begun = The event has begun; there is no need to cancel any more.
event-link-cancelled = This registration is cancelled already.
event-link-cancelled-now = You are cancelled. Thank you for freeing your seat.
event-link-submit = Cancel now
event-limited = Too many registrations for this address. Please try again in { $wait }.

## Reminder mails
account-reminders-heading = Reminders by e-mail
account-reminders-intro = Knotenpunkt reminds you of meetings and deadlines, in your language. Every reminder also carries a link that stops its kind with one click.
account-reminders-legend = I want these reminders
account-reminders-submit = Save reminders
account-reminders-saved = Your choice of reminders is saved.
reminder-kind-host = Hosting turns
reminder-kind-host-hint = Four weeks and one week before your organisation hosts a meeting, with the agenda.
reminder-kind-agenda = Agendas
reminder-kind-agenda-hint = For coordinators: the agenda so far, one week before every meeting.
reminder-kind-events = Events
reminder-kind-events-hint = The day before an event you have a seat at, and when you move up from the waiting list.
reminder-kind-deadlines = Deadlines of joint applications
reminder-kind-deadlines-hint = One week before a task of your organisation is due or a funding call your application answers closes.
unsubscribe-heading = Stop reminders
unsubscribe-intro = This link stops the reminders “{ $kind }”. You will receive no more reminders of this kind.
unsubscribe-submit = Unsubscribe
unsubscribe-done-heading = Unsubscribed
unsubscribe-done = You will receive no more reminders “{ $kind }”.
unsubscribe-again = You can turn them on again at any time:
unsubscribe-account-link = reminders in your account

## Working groups
groups-heading = Working groups of { $network }
groups-crumb = Working groups
groups-intro = In working groups, members of the network keep working on one topic. What is shared with a group is seen by its members and the people of the organisations taking part.
groups-none = This network has no working group yet.
group-leads = Led by
group-organizations = Other organisations
group-organizations-count = { $count ->
    [one] one organisation
   *[other] { $count } organisations
}
group-people-count = { $count ->
    [one] one person
   *[other] { $count } people
}
group-open = open: join without asking
group-by-request = join by request
group-join = Join
group-ask = Ask to join
group-leave = Leave
group-withdraw = Withdraw the request
group-standing-member = You are a member.
group-standing-requested = Your request is with the leads.
group-requests = Requests to join
group-accept = Accept
group-decline = Decline
group-people = Members
group-people-none = Nobody is named in it yet.
group-meetings = Next meetings
group-meetings-none = No meetings in the next 90 days.
group-activity = Recently shared
group-activity-none = Nothing has been shared with this group yet.
group-activity-experience = Experience
group-activity-application = Application
group-activity-event = Event
group-members-only = Members, meetings and what was shared are for the group's members.
group-done-joined = You joined the working group.
group-done-requested = Your request is made; the leads decide.
group-done-left = You are no longer in the working group.
group-done-accepted = The person is in the group now.
group-done-declined = The request is declined.
network-groups-heading = Working groups
network-groups-link = The network's working groups, who leads them and how to take part
groups-new = New working group
group-edit = Edit the working group
group-new-heading = New working group
group-edit-heading = Edit { $group }
group-create = Create the working group
group-save = Save
group-form-intro = Who is named in the group by person is set in the management under "Groups"; people of the network can also join or ask to join themselves.
group-form-purpose = What it is about
group-form-purpose-hint = A few sentences; Markdown is allowed.
group-form-organizations = Organisations taking part
group-form-organizations-hint = All people of these organisations see what is shared with the group. The leads always take part.
group-form-joining = Joining
group-done-created = The working group is created.
group-done-saved = The working group is saved.
group-done-not-member = You were not (or no longer) in the working group.
group-done-no-request = This request is no longer open; perhaps someone else decided already.
