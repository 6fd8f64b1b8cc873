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
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
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
list-and = and
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
rhythm-weekly =
    { $interval ->
        [1] every { $days }
       *[other] every { $interval } weeks on { $days }
    }
rhythm-monthly =
    { $interval ->
        [1] on the { $ordinal } { $day } of every month
       *[other] every { $interval } months on the { $ordinal } { $day }
    }
rhythm-until = { $rhythm }, until { $date }
rhythm-count = { $rhythm }, { $count } meetings in all
ordinal-1 = first
ordinal-2 = second
ordinal-3 = third
ordinal-4 = fourth
ordinal-5 = fifth
ordinal-last = last
ordinal-last-2 = second-to-last
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
account-password-changed = Your password has been changed.
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
