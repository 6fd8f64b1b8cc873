# Knotenpunkt – English message catalogue of the pages.
# Directory data (names, descriptions, sources) is not translated; pages mark it as German.

## Frame

site-name = Knotenpunkt
site-tagline = A directory of networks of German municipalities that learn from each other.
skip-to-content = Skip to content
nav-label = Main navigation
nav-networks = Networks
nav-organizations = Organisations
lang-switch = Deutsch
footer-about = Knotenpunkt is free software (EUPL-1.2) for networks of municipalities. Every fact comes from a public source, named with each entry.
footer-api = The same data as a JSON API (OpenAPI description)

## Error pages

error-not-found-title = Page not found
error-not-found-text = There is no entry at this address. It may have changed, or the address may contain a typo.
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
