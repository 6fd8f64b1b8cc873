# Knotenpunkt – deutscher Meldungskatalog der Seiten (vollständig, Sprache der Voreinstellung).
# Anrede: Sie. Datenfelder (Namen, Beschreibungen, Quellen) stehen nicht hier, sie kommen aus dem Verzeichnis.

## Rahmen

site-name = Knotenpunkt
site-tagline = Verzeichnis von Netzwerken deutscher Kommunen, die voneinander lernen.
skip-to-content = Zum Inhalt springen
nav-label = Hauptnavigation
nav-networks = Netzwerke
nav-organizations = Organisationen
lang-switch = English
footer-about = Knotenpunkt ist freie Software (EUPL-1.2) für Netzwerke von Kommunen. Alle Angaben stammen aus öffentlichen Quellen, die bei jedem Eintrag genannt sind.
footer-api = Dieselben Daten als JSON-API (OpenAPI-Beschreibung)

## Fehlerseiten

error-not-found-title = Seite nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es keinen Eintrag. Vielleicht hat er sich geändert, oder die Adresse enthält einen Tippfehler.
error-internal-title = Ein Fehler ist aufgetreten
error-internal-text = Die Seite konnte gerade nicht erstellt werden. Der Fehler wurde protokolliert; bitte versuchen Sie es in einigen Minuten erneut.
error-back-home = Zur Startseite
error-to-list = Alle Organisationen

## Startseite und Netzwerkliste

home-title = Startseite
home-heading = Netzwerke von Kommunen, die voneinander lernen
home-intro = Knotenpunkt verzeichnet Netzwerke deutscher Kommunen: Modellprojekte Smart Cities, regionale Digitalnetzwerke und ihre Partner aus Forschung und Region. Hier sehen Sie, wer zu welchem Netzwerk gehört, in welcher Staffel, seit wann – und wie die Netzwerke gewachsen sind.
home-networks-heading = Netzwerke
networks-title = Netzwerke
networks-intro = Alle Netzwerke im Verzeichnis, mit ihrer Koordination und der Zahl ihrer Mitglieder.
networks-none = Noch sind keine Netzwerke eingetragen.

## Netzwerkseite

network-coordinator = Koordination
network-founded = Gegründet
network-members = Mitglieder
members-count =
    { $count ->
        [one] 1 Mitglied
       *[other] { $count } Mitglieder
    }
website = Website
network-members-heading = Mitglieder
network-no-members = Noch sind keine Mitglieder eingetragen.
cohort-heading = { $name } ({ $year })
cohort-none = Ohne Staffel
cohort-motto = Motto:
member-since = seit { $date }
member-until = bis { $date }
network-partners-heading = Partner
network-former-heading = Ehemalige Mitglieder
network-states-heading = Mitglieder nach Bundesland
source = Quelle:

## Wachstum

growth-heading = Entwicklung der Mitgliederzahl
chart-title = Mitgliederentwicklung: { $network }
chart-desc-line = Die Stufenlinie zeigt die namentlich bekannten Mitglieder ab { $from }; aktuell sind es { $count }.
chart-desc-figure = { $value } ({ $date })
chart-desc-figures = Veröffentlichte Mitgliederzahlen, als Rauten markiert: { $list }.
list-separator = {", "}
legend-named = Namentlich bekannte Mitglieder
legend-published = Veröffentlichte Mitgliederzahl
figure-more-than = mehr als { $count }
growth-none = Für dieses Netzwerk sind weder Beitrittsdaten noch veröffentlichte Mitgliederzahlen bekannt.
growth-undated =
    { $count ->
        [one] 1 Mitglied ohne bekanntes Beitrittsdatum ist nicht in der Linie enthalten.
       *[other] { $count } Mitglieder ohne bekanntes Beitrittsdatum sind nicht in der Linie enthalten.
    }
growth-cohort-dated = Mitglieder ohne eigenes Beitrittsdatum zählen ab Beginn des Jahres ihrer Staffel.
growth-table-summary = Daten der Grafik als Tabelle
growth-kind-named = namentlich bekannte Mitglieder
growth-kind-published = veröffentlichte Zahl
growth-source-memberships = Beitrittsdaten im Verzeichnis

## Tabellenspalten

column-date = Stand
column-members = Mitglieder
column-kind-of-figure = Art der Angabe
column-source = Quelle
column-state = Bundesland
column-name = Name
column-kind = Art
column-network = Netzwerk
column-role = Rolle
column-cohort = Staffel
column-joined = Beitritt
column-left = Austritt
none = –
unknown = unbekannt

## Organisationsliste

organizations-title = Organisationen
filter-label = Organisationen filtern
filter-state = Bundesland
filter-state-all = Alle Bundesländer
filter-kind = Art
filter-kind-all = Alle Arten
filter-q = Name enthält
filter-submit = Filtern
filter-reset = Filter zurücksetzen
filter-problem-heading = Der Filter enthält ungültige Angaben
filter-problem-hint = Bitte wählen Sie die Werte aus den Auswahllisten und senden Sie das Formular erneut.
filter-bad-state = „{ $value }“ ist kein Bundesland. Erlaubt sind die zweistelligen Kürzel wie RP oder BY.
filter-bad-kind = „{ $value }“ ist keine bekannte Art von Organisation.
filter-bad-q = Der Suchtext ist zu lang; erlaubt sind höchstens { $max } Zeichen.
filter-bad-page = „{ $value }“ ist keine gültige Seitenzahl.
organizations-found =
    { $count ->
        [0] Keine Organisation gefunden
        [one] 1 Organisation gefunden
       *[other] { $count } Organisationen gefunden
    }
organizations-found-caption = Gefundene Organisationen
organizations-none = Keine Organisation passt zu diesem Filter. Versuchen Sie einen kürzeren Suchtext oder ein anderes Bundesland.
list-beyond = Seite { $page } gibt es nicht; die Liste hat { $pages ->
        [one] nur eine Seite
       *[other] { $pages } Seiten
    }.
list-first-page = Zur ersten Seite
pager-label = Seiten der Liste
pager-prev = Vorherige Seite
pager-next = Nächste Seite
pager-status = Seite { $page } von { $pages }

## Organisationsseite

org-kind = Art
org-state = Bundesland
org-states = Bundesländer
org-ags = AGS
org-ags-long = Amtlicher Gemeindeschlüssel
org-population = Einwohner
org-networks-heading = Netzwerke
org-no-networks = Diese Organisation ist in keinem Netzwerk des Verzeichnisses eingetragen.
org-cooperations-heading = Kooperationen
cooperation-partners = Partner
cooperation-topic = Thema
cooperation-since = Seit
cooperation-cadence = Austausch
org-parts-heading = Besteht aus
org-part-of-heading = Teil von

## Wortschatz

state-BW = Baden-Württemberg
state-BY = Bayern
state-BE = Berlin
state-BB = Brandenburg
state-HB = Bremen
state-HH = Hamburg
state-HE = Hessen
state-MV = Mecklenburg-Vorpommern
state-NI = Niedersachsen
state-NW = Nordrhein-Westfalen
state-RP = Rheinland-Pfalz
state-SL = Saarland
state-SN = Sachsen
state-ST = Sachsen-Anhalt
state-SH = Schleswig-Holstein
state-TH = Thüringen

kind-municipality = Stadt/Gemeinde
kind-county = Landkreis
kind-cooperation = Verbund/Kooperation
kind-research = Forschungseinrichtung
kind-company = Unternehmen
kind-region = Verband/Region

role-member = Mitglied
role-coordinator = Koordination
role-partner = Partner

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
date-month = { $month } { $year }
date-day = { $day }. { $month } { $year }
