# Knotenpunkt – deutscher Meldungskatalog der Seiten (vollständig, Sprache der Voreinstellung).
# Anrede: Sie. Datenfelder (Namen, Beschreibungen, Quellen) stehen nicht hier, sie kommen aus dem Verzeichnis.

## Rahmen

site-name = Knotenpunkt
site-tagline = Verzeichnis von Netzwerken deutscher Kommunen, die voneinander lernen.
skip-to-content = Zum Inhalt springen
nav-label = Hauptnavigation
nav-networks = Netzwerke
nav-organizations = Organisationen
account-sign-in = Anmelden
account-sign-out = Abmelden
lang-switch = English
footer-about = Knotenpunkt ist freie Software (EUPL-1.2) für Netzwerke von Kommunen. Alle Angaben stammen aus öffentlichen Quellen, die bei jedem Eintrag genannt sind.
footer-api = Dieselben Daten als JSON-API (OpenAPI-Beschreibung)

## Fehlerseiten

error-not-found-title = Seite nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es keinen Eintrag. Vielleicht hat er sich geändert, oder die Adresse enthält einen Tippfehler.
error-forbidden-title = Keine Berechtigung
error-forbidden-text = Ihre Rolle erlaubt diese Aktion nicht. Wenn Sie meinen, dass das ein Irrtum ist, wenden Sie sich an die Koordination Ihres Netzwerks.
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
network-calls-heading = Offene Förderaufrufe
network-call-deadline = Frist:
network-call-who = Antragsberechtigt:
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

## Termine: gemeinsame Bausteine

breadcrumb-label = Sie sind hier
nav-calendar = Kalender
weekday-short-1 = Mo.
weekday-short-2 = Di.
weekday-short-3 = Mi.
weekday-short-4 = Do.
weekday-short-5 = Fr.
weekday-short-6 = Sa.
weekday-short-7 = So.
date-numeric = { $day2 }.{ $month2 }.{ $year }
meeting-day = { $weekday }, { $date }
meeting-when = { $weekday }, { $date }, { $start }–{ $end }
meeting-time = { $start }–{ $end } Uhr
status-planned = findet statt
status-moved = verschoben
status-moved-holiday = verschoben wegen
status-moved-note = verschoben:
status-cancelled = abgesagt
status-cancelled-holiday = entfällt wegen
status-cancelled-note = abgesagt:
status-originally = ursprünglich { $date }
host-manual = für diesen Termin festgelegt
host-swapped = Termin getauscht
column-when = Termin
column-series = Reihe
column-host = Gastgeber
column-status = Status
no-host = kein Gastgeber
feed-link = Kalender abonnieren (iCalendar)
feed-hint = Fügen Sie die Adresse des Links in Ihrem Kalenderprogramm (Outlook, Thunderbird, Apple oder Google Kalender) als Internetkalender hinzu; neue und geänderte Termine erscheinen dann von selbst. Statt „https://“ können Sie auch „webcal://“ voranstellen.

## Kalender eines Netzwerks

calendar-title = Termine: { $network }
calendar-heading = Termine von { $network }
calendar-intro = Alle Treffen der Reihen dieses Netzwerks vom { $from } bis zum { $to }, mit Gastgeber und Status. Verschiebungen wegen Feiertagen sind schon berücksichtigt.
calendar-subscribe-heading = Kalender abonnieren
calendar-network-feed = Alle Termine von { $network }
calendar-series-heading = Reihen
calendar-series-feed = Termine dieser Reihe abonnieren
calendar-upcoming-heading = Nächste Termine
calendar-past-heading = Vergangene Termine
calendar-past-caption = Vergangene Termine, die jüngsten zuerst
calendar-none-upcoming = In den nächsten Monaten sind keine Termine geplant.
calendar-none-past = In den vergangenen Monaten gab es keine Termine.
calendar-no-series = Dieses Netzwerk hat noch keine regelmäßigen Treffen eingetragen.
network-meetings-heading = Termine
network-next-meeting = Nächster Termin:
network-calendar-link = Alle Termine im Kalender von { $network }

## Seite einer Reihe

series-rhythm = Rhythmus
series-rule = Regel (RFC 5545)
series-first = Erster Termin
series-next = Nächster Termin
series-time = Uhrzeit
series-duration = Dauer
series-duration-minutes =
    { $minutes ->
        [one] 1 Minute
       *[other] { $minutes } Minuten
    }
series-time-zone = Zeitzone
series-holidays = Feiertage
series-hosting = Gastgeber
series-video = Videokonferenz
series-network = Netzwerk
series-cooperation = Kooperation
series-partners = Partner
holidays-keep = Der Termin findet auch an gesetzlichen Feiertagen statt.
holidays-earlier-week = Fällt ein Termin auf einen gesetzlichen Feiertag, findet er eine Woche früher am selben Wochentag statt.
holidays-next-workday = Fällt ein Termin auf einen gesetzlichen Feiertag, findet er am nächsten Werktag statt.
holidays-skip = Fällt ein Termin auf einen gesetzlichen Feiertag, entfällt er.
holidays-scope = Es zählen bundesweite Feiertage und die Feiertage im Bundesland des Gastgebers oder der Koordination.
hosting-none = Kein Gastgeber: alle treffen sich gemeinsam.
hosting-fixed = richtet jedes Treffen aus
hosting-rotation = Reihum ({ $order }): jede Organisation ist einmal an der Reihe, bevor eine neue Runde beginnt.
rotation-order-join-order = nach Beitritt
rotation-order-alphabetical = alphabetisch
rotation-order-explicit = in festgelegter Reihenfolge
series-rules-heading = Gastgeber und Feiertage
series-rotation-heading = Reihenfolge der Gastgeber
series-rotation-intro = Die aktuelle Reihenfolge der Gastgeber. Wer einen Termin nicht übernehmen kann, behält seinen Platz in der Runde.
series-upcoming-heading = Nächste Termine
series-more-upcoming =
    { $count ->
        [one] Ein weiterer Termin steht im Kalender-Abonnement.
       *[other] { $count } weitere Termine stehen im Kalender-Abonnement.
    }
series-past-heading = Vergangene Termine
series-notices-heading = Hinweise für die Koordination
series-notices-intro = Diese Hinweise betreffen gespeicherte Änderungen, die nicht mehr zur Regel passen. Sie sind auf Englisch, wie sie die Kalenderberechnung ausgibt.
series-feed-heading = Kalender abonnieren

## Seite eines Termins

meeting-title = { $series }, { $date }
meeting-heading = { $series } am { $date }
meeting-when-label = Datum und Uhrzeit
meeting-status = Status
meeting-series = Reihe
meeting-agenda-heading = Tagesordnung
meeting-agenda-none = Für diesen Termin ist noch keine Tagesordnung eingetragen.
meeting-raised-by = eingebracht von
meeting-raised = von Teilnehmenden eingebracht
meeting-minutes-heading = Protokoll
meeting-minutes-none = Noch kein Protokoll.
meeting-attendance-heading = Anwesend
meeting-attendance-none = Für diesen Termin ist keine Anwesenheit erfasst.
meeting-attendance-count =
    { $count ->
        [one] 1 Organisation war dabei.
       *[other] { $count } Organisationen waren dabei.
    }
meeting-cancelled-notice = Dieser Termin findet nicht statt.
meeting-moved-notice = Dieser Termin wurde verlegt.
meeting-other-heading = Weitere Termine der Reihe
meeting-previous = Vorheriger Termin
meeting-next = Nächster Termin

## Organisationsseite: Gastgeber

org-turns-heading = Nächste Termine als Gastgeber

# Accounts

## Formulare

form-email = E-Mail-Adresse
form-password = Passwort
form-new-password = Neues Passwort
form-new-password-hint = Mindestens { $min } Zeichen. Ein langer Satz, den Sie sich gut merken können, ist sicherer als ein kurzes Wort mit Sonderzeichen.
form-repeat = Neues Passwort wiederholen
form-error-prefix = Fehler:
form-title-error = Fehler: { $title }
form-summary-heading = Bitte prüfen Sie Ihre Angaben
form-email-missing = Bitte geben Sie Ihre E-Mail-Adresse ein.
form-email-invalid = Bitte geben Sie eine vollständige E-Mail-Adresse ein, zum Beispiel name@kommune.de.
form-password-missing = Bitte geben Sie Ihr Passwort ein.
form-new-password-missing = Bitte wählen Sie ein Passwort.
form-password-short = Das Passwort muss mindestens { $min } Zeichen lang sein.
form-password-long = Das Passwort ist zu lang; erlaubt sind höchstens 1024 Zeichen.
form-repeat-missing = Bitte wiederholen Sie das neue Passwort.
form-repeat-mismatch = Die beiden Passwörter stimmen nicht überein.
form-current-missing = Bitte geben Sie Ihr aktuelles Passwort ein.
form-current-wrong = Das aktuelle Passwort stimmt nicht.
form-wait-seconds =
    { $count ->
        [one] 1 Sekunde
       *[other] { $count } Sekunden
    }
form-wait-minutes =
    { $count ->
        [one] 1 Minute
       *[other] { $count } Minuten
    }

## Anmelden

signin-title = Anmelden
signin-submit = Anmelden
signin-link = Zur Anmeldung
signin-forgot = Passwort vergessen?
signin-failed = E-Mail-Adresse oder Passwort stimmen nicht.
signin-limited = Zu viele Anmeldeversuche für diese Adresse. Bitte versuchen Sie es in { $wait } erneut.
signin-notice-reset = Ihr Passwort wurde geändert. Bitte melden Sie sich an.
signin-notice-signed-out = Sie wurden überall abgemeldet.
signin-no-account = Noch kein Konto? Konten entstehen durch eine Einladung: Die Koordination Ihres Netzwerks lädt Sie per E-Mail ein.
limited-title = Bitte warten Sie einen Moment
limited-text = In kurzer Zeit gab es zu viele Versuche. Bitte versuchen Sie es in { $wait } erneut.
limited-why = Diese Grenze schützt Konten davor, dass jemand Passwörter oder Links errät.

## Einladung und neues Passwort

invitation-heading = Willkommen, { $name }
invitation-intro = Sie wurden zu Knotenpunkt eingeladen. Legen Sie jetzt ein Passwort für Ihr Konto { $email } fest.
invitation-then = Danach sind Sie gleich angemeldet. Künftig melden Sie sich mit Ihrer E-Mail-Adresse und diesem Passwort an.
invitation-submit = Passwort festlegen und anmelden
invitation-gone-title = Dieser Einladungslink gilt nicht mehr
invitation-gone-why = Der Link wurde schon benutzt, ist abgelaufen oder wurde nicht vollständig kopiert.
invitation-gone-ask = Bitten Sie die Koordination Ihres Netzwerks um eine neue Einladung; sie kommt wieder per E-Mail.
invitation-gone-done = Haben Sie mit diesem Link schon ein Passwort festgelegt? Dann melden Sie sich einfach an.
reset-heading = Neues Passwort festlegen
reset-intro = Wählen Sie ein neues Passwort für Ihr Konto. Danach melden Sie sich damit an; wo Sie noch angemeldet waren, werden Sie abgemeldet.
reset-submit = Passwort ändern
reset-gone-title = Dieser Link zum Zurücksetzen gilt nicht mehr
reset-gone-why = Links zum Zurücksetzen gelten nur kurze Zeit und nur einmal. Dieser wurde schon benutzt, ist abgelaufen oder wurde nicht vollständig kopiert.
reset-gone-again = Fordern Sie einfach einen neuen Link an.
reset-gone-new-link = Neuen Link anfordern
forgot-title = Passwort vergessen
forgot-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen.
forgot-email-hint = Die Adresse, an die Ihre Einladung ging.
forgot-submit = Link anfordern
forgot-back = Zurück zur Anmeldung
forgot-sent-title = Bitte sehen Sie in Ihr Postfach
forgot-sent-text = Wenn ein Konto zu dieser Adresse besteht, ist eine E-Mail unterwegs.
forgot-sent-valid = Der Link darin gilt nur kurze Zeit und nur einmal.
forgot-sent-nothing = Nach einigen Minuten noch keine E-Mail? Sehen Sie im Spam-Ordner nach und prüfen Sie die Schreibweise der Adresse. Haben Sie Ihre Einladung nie angenommen, bitten Sie die Koordination Ihres Netzwerks um eine neue.

## Mein Konto

account-title = Mein Konto
account-toc = Auf dieser Seite
account-data-heading = Ihre Angaben
account-name = Name
account-email = E-Mail-Adresse
account-organization = Organisation
account-function = Funktion
account-phone = Telefon
account-language = Sprache
account-language-de = Deutsch
account-language-en = Englisch
account-admin = Plattform-Administration
account-yes = ja
account-no = nein
account-data-note = Um diese Angaben zu ändern, wenden Sie sich an die Koordination Ihres Netzwerks.
account-password-heading = Passwort ändern
account-password-current = Aktuelles Passwort
account-password-submit = Passwort ändern
account-password-changed = Ihr Passwort wurde geändert. Anmeldungen in anderen Browsern wurden beendet.
account-sessions-heading = Anmeldungen
account-sessions-count =
    { $count ->
        [one] Sie sind zurzeit in einem Browser angemeldet, diesem hier.
       *[other] Sie sind zurzeit in { $count } Browsern angemeldet, diesen hier eingerechnet.
    }
account-sessions-hint = „Überall abmelden“ beendet alle Anmeldungen, auch diese. Nutzen Sie das, wenn Sie ein Gerät verloren haben oder an einem fremden Rechner angemeldet waren.
account-sign-out-everywhere = Überall abmelden
account-feed-heading = Persönlicher Kalender
account-feed-intro = Eine geheime Kalender-Adresse mit den Terminen aller Reihen, denen Sie folgen. Fügen Sie sie in Ihrem Kalenderprogramm als Internetkalender hinzu.
account-feed-none = Sie haben noch keine Kalender-Adresse.
account-feed-exists = Ihre Kalender-Adresse ist eingerichtet. Sie wird aus Sicherheitsgründen nicht noch einmal angezeigt. Haben Sie sie verloren, erzeugen Sie eine neue; die alte funktioniert dann nicht mehr.
account-feed-create = Kalender-Adresse erzeugen
account-feed-renew = Neue Kalender-Adresse erzeugen
account-feed-revoke = Kalender-Adresse widerrufen
account-feed-revoked = Ihre Kalender-Adresse wurde widerrufen; sie funktioniert nicht mehr.
account-feed-new-heading = Ihre neue Kalender-Adresse
account-feed-new-once = Diese Adresse wird nur jetzt angezeigt.
account-feed-new-secret = Kopieren Sie sie gleich in Ihr Kalenderprogramm. Wer die Adresse kennt, sieht Ihre Termine; geben Sie sie nicht weiter.
account-follows-heading = Reihen, denen Sie folgen
account-follows-none = Sie folgen noch keiner Reihe. Auf der Seite einer Reihe können Sie ihr folgen.
account-tokens-heading = API-Tokens
account-tokens-intro = Mit einem persönlichen Token greifen Programme in Ihrem Namen auf die JSON-API zu. Sie senden ihn im Kopf „Authorization: Bearer …“ mit.
account-tokens-none = Sie haben keine Tokens.
token-column-name = Name
token-column-scope = Berechtigung
token-column-created = Erstellt
token-column-used = Zuletzt benutzt
token-column-actions = Aktion
token-never = noch nie
token-revoke = Widerrufen
token-revoked = Der Token wurde widerrufen.
token-create-heading = Neuen Token erstellen
token-name = Name des Tokens
token-name-hint = Wofür Sie ihn nutzen, zum Beispiel „Jahresbericht-Skript“.
token-name-missing = Bitte geben Sie dem Token einen Namen.
token-name-long = Der Name darf höchstens { $max } Zeichen lang sein.
token-scope = Berechtigung
token-scope-read = Nur lesen
token-scope-read-hint = Sieht, was Sie sehen dürfen, und ändert nichts.
token-scope-write = Lesen und schreiben
token-scope-write-hint = Darf alles ändern, was Sie ändern dürfen.
token-scope-missing = Bitte wählen Sie eine Berechtigung.
token-scope-name-read = lesen
token-scope-name-write = lesen und schreiben
token-create = Token erstellen
token-new-heading = Ihr neuer Token „{ $name }“
token-new-once = Dieser Token wird nur jetzt angezeigt; kopieren Sie ihn jetzt.
token-new-secret = Wer den Token kennt, handelt in Ihrem Namen. Bewahren Sie ihn auf wie ein Passwort.
account-gdpr-heading = Ihre Daten
account-gdpr-intro = Alles, was Knotenpunkt über Sie speichert, erhalten Sie als Datei im JSON-Format.
account-gdpr-download = Meine Daten herunterladen (JSON)
account-delete-heading = Konto löschen
account-delete-text = Ihr Konto wird mit allen Anmeldungen, Tokens, Rollen und gefolgten Reihen gelöscht. Was Sie eingetragen haben, bleibt unter dem Namen Ihrer Organisation erhalten. Das lässt sich nicht rückgängig machen.
account-delete-confirm = E-Mail-Adresse zur Bestätigung
account-delete-confirm-hint = Geben Sie die Adresse Ihres Kontos ein: { $email }
account-delete-missing = Bitte geben Sie zur Bestätigung Ihre E-Mail-Adresse ein.
account-delete-mismatch = Diese Adresse ist nicht die Ihres Kontos.
account-delete-submit = Konto endgültig löschen
account-delete-last-admin = Sie sind die einzige Person mit Plattform-Administration. Ernennen Sie zuerst jemand anderen dazu; dann können Sie Ihr Konto löschen.
account-delete-conflict = Das Konto kann gerade nicht gelöscht werden. Bitte wenden Sie sich an die Plattform-Administration.

## Reihen folgen

follow-heading = Reihe folgen
follow-submit = Reihe folgen
unfollow-submit = Nicht mehr folgen
follow-following = Sie folgen dieser Reihe.
follow-hint = Die Termine der Reihen, denen Sie folgen, stehen in Ihrem persönlichen Kalender unter „Mein Konto“.

# Network management

## Verwaltung eines Netzwerks (Koordination)

manage-link = Netzwerk verwalten
manage-nav-label = Bereiche der Verwaltung
manage-nav-overview = Verwaltung
manage-nav-members = Mitglieder
manage-nav-cohorts = Staffeln
manage-nav-series = Reihen
manage-nav-invitations = Einladungen
manage-nav-roles = Rollen
manage-nav-protocol = Protokoll
manage-heading-overview = Verwaltung: { $network }
manage-heading-members = Mitglieder von { $network }
manage-heading-cohorts = Staffeln von { $network }
manage-heading-series = Terminreihen von { $network }
manage-heading-series-edit = Reihe bearbeiten: { $series }
manage-heading-invitations = Einladungen zu { $network }
manage-heading-roles = Rollen in { $network }
manage-heading-protocol = Protokoll von { $network }
manage-overview-intro = Hier pflegen Sie als Koordination Mitglieder, Staffeln und Terminreihen, laden Personen ein und vergeben Rollen. Jede Änderung steht im Protokoll.
manage-overview-public = Öffentliche Seite von { $network }
manage-card-members = Organisationen aufnehmen und Mitgliedschaften entfernen.
manage-card-cohorts = Staffeln (Förderrunden) anlegen und leere Staffeln löschen.
manage-card-series = Terminreihen anlegen und ändern, einzelne Termine absagen oder verlegen.
manage-card-invitations = Personen per E-Mail einladen und sehen, wer die Einladung angenommen hat.
manage-card-roles = Sehen, wer im Netzwerk welche Rolle hat, und direkt vergebene Rollen ändern.
manage-card-protocol = Alle Änderungen am Netzwerk mit Zeitpunkt und Person.
manage-figure-members =
    { $count ->
        [0] Noch keine Mitglieder
        [one] 1 aktuelles Mitglied
       *[other] { $count } aktuelle Mitglieder
    }
manage-figure-cohorts =
    { $count ->
        [0] Keine Staffeln
        [one] 1 Staffel
       *[other] { $count } Staffeln
    }
manage-figure-series =
    { $count ->
        [0] Keine Terminreihen
        [one] 1 Terminreihe
       *[other] { $count } Terminreihen
    }
manage-figure-invitations =
    { $count ->
        [0] Keine offenen Einladungen
        [one] 1 offene Einladung
       *[other] { $count } offene Einladungen
    }
manage-figure-people =
    { $count ->
        [0] Noch keine Personen
        [one] 1 Person
       *[other] { $count } Personen
    }
manage-figure-entries =
    { $count ->
        [0] Noch keine Einträge
        [one] 1 Eintrag
       *[other] { $count } Einträge
    }
manage-recent-heading = Letzte Änderungen
manage-recent-all = Ganzes Protokoll ansehen

manage-done-member-added = Die Organisation wurde als Mitglied aufgenommen.
manage-done-member-removed = Die Mitgliedschaft wurde entfernt.
manage-done-cohort-added = Die Staffel wurde angelegt.
manage-done-cohort-deleted = Die Staffel wurde gelöscht.
manage-done-series-created = Die Terminreihe wurde angelegt.
manage-done-series-saved = Die Änderungen an der Terminreihe wurden gespeichert.
manage-done-meeting-changed = Der Termin wurde geändert.
manage-done-change-undone = Die Änderung wurde zurückgenommen; der Termin gilt wieder wie nach der Regel.
manage-done-invited = Die Einladung wurde per E-Mail verschickt.
manage-done-invited-existing = Diese Person hat schon ein Konto. Sie hat die Rolle erhalten und wurde per E-Mail benachrichtigt.
manage-done-role-changed = Die Rolle wurde geändert.

manage-optional = (optional)
manage-choose = Bitte wählen
manage-save = Änderungen speichern
manage-delete = Löschen
manage-remove = Entfernen
manage-edit = Bearbeiten
manage-undo = Zurücknehmen
manage-yes = ja
manage-no = nein
manage-slug = Kürzel
manage-slug-hint = Für Adressen: Kleinbuchstaben, Ziffern und Bindestriche. Leer lassen, dann wird es aus dem Namen gebildet.
manage-partial-date-hint = Jahr, Monat oder Tag: JJJJ, JJJJ-MM oder JJJJ-MM-TT, z. B. 2024-05.
manage-problem-heading = Bitte korrigieren Sie die markierten Angaben
manage-error-prefix = Fehler:
manage-error-required = Bitte füllen Sie dieses Feld aus.
manage-error-choose = Bitte wählen Sie einen Eintrag aus der Liste.
manage-error-slug = Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens 80 Zeichen.
manage-error-slug-missing = Aus dem Namen lässt sich kein Kürzel bilden; bitte geben Sie eines an.
manage-error-year = Bitte eine Jahreszahl zwischen 1800 und 2200 angeben, z. B. 2024.
manage-error-partial-date = Bitte als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben, z. B. 2024 oder 2024-05-15.
manage-error-datetime = Bitte Datum und Uhrzeit angeben, z. B. 2026-05-21T17:00 für den 21. Mai 2026, 17 Uhr.
manage-error-minutes = Bitte eine ganze Zahl von 1 bis 1440 Minuten angeben.
manage-error-email = Bitte eine gültige E-Mail-Adresse angeben, z. B. name@stadt.de.
manage-error-host = Bitte wählen Sie die Organisation, die jedes Treffen ausrichtet.
manage-error-rotation = Bitte nennen Sie die Kürzel der Organisationen in ihrer Reihenfolge, je Zeile eines.
manage-error-move-to = Bitte geben Sie an, wann der Termin stattfinden soll.
manage-error-too-long = Höchstens { $max } Zeichen.
manage-error-app = Diese Angabe wurde nicht angenommen. Die Prüfung meldet (auf Englisch):
manage-error-unavailable = Das hat gerade nicht geklappt; bitte versuchen Sie es in einigen Minuten erneut.
manage-column-action-hidden = Aktionen

manage-members-list-heading =
    { $count ->
        [0] Aktuelle Mitglieder
        [one] 1 aktuelles Mitglied
       *[other] { $count } aktuelle Mitglieder
    }
manage-members-intro = Entfernen löscht den Eintrag der Mitgliedschaft ganz; das Protokoll behält, was er enthielt.
manage-members-caption = Aktuelle Mitglieder von { $network }
manage-member-organization = Organisation
manage-members-add-heading = Mitglied aufnehmen
manage-members-add = Als Mitglied aufnehmen

manage-cohorts-list-heading = Staffeln
manage-cohorts-none = Dieses Netzwerk hat keine Staffeln.
manage-cohorts-caption = Staffeln von { $network }
manage-cohort-name = Name
manage-cohort-name-hint = Zum Beispiel „Staffel 4“.
manage-cohort-year = Jahr
manage-cohort-motto = Motto
manage-cohort-has-members = hat Mitglieder
manage-cohort-in-use = Die Staffel „{ $cohort }“ hat noch Mitgliedschaften und kann nicht gelöscht werden. Entfernen Sie diese zuerst oder nehmen Sie die Mitglieder ohne Staffel neu auf.
manage-cohorts-add-heading = Staffel anlegen
manage-cohorts-add = Staffel anlegen

manage-series-list-heading = Terminreihen
manage-series-none = Dieses Netzwerk hat noch keine Terminreihen.
manage-series-caption = Terminreihen von { $network }
manage-series-add-heading = Neue Terminreihe
manage-series-create = Terminreihe anlegen
manage-series-about = Worum es geht
manage-series-when = Wann
manage-series-who = Wer ausrichtet
manage-series-title = Titel
manage-series-slug-hint = Teil der Adresse der Reihe und ihres Kalender-Abonnements. Leer lassen, dann wird es aus dem Titel gebildet.
manage-series-slug-fixed = Das Kürzel bleibt, damit Abonnements und Links weiter funktionieren.
manage-series-description = Beschreibung
manage-series-rule = Regel (RRULE)
manage-series-rule-hint = Wiederholung nach RFC 5545, z. B. FREQ=MONTHLY;BYDAY=-1TH (letzter Donnerstag im Monat) oder FREQ=WEEKLY;BYDAY=WE (jeden Mittwoch).
manage-series-start = Erster Termin
manage-series-start-hint = Datum und Uhrzeit in deutscher Zeit, z. B. 2026-01-29T17:00.
manage-series-duration = Dauer in Minuten
manage-series-video = Videokonferenz-Link
manage-series-holidays = An Feiertagen
manage-series-hosting = Gastgeber
manage-series-host = Feste Gastgeberin
manage-series-host-hint = Nur bei „feste Gastgeberin“.
manage-series-rotation-order = Reihenfolge
manage-series-rotation-order-hint = Nur bei „reihum“.
manage-series-rotation = Festgelegte Reihenfolge
manage-series-rotation-hint = Nur bei „in festgelegter Reihenfolge“: die Kürzel der Organisationen, je Zeile eines.
manage-series-cohorts = Teilnehmende Staffeln
manage-series-cohorts-hint = Keine Auswahl: alle Mitglieder des Netzwerks nehmen teil.
manage-series-hosted-by = feste Gastgeberin: { $host }
manage-series-rotating = reihum, { $order }
manage-series-public = Seite der Reihe „{ $series }“ ansehen
manage-series-back = Alle Terminreihen
manage-series-settings-heading = Einstellungen der Reihe
manage-holidays-keep = Termin findet statt
manage-holidays-earlier-week = eine Woche früher
manage-holidays-next-workday = am nächsten Werktag
manage-holidays-skip = Termin entfällt
manage-hosting-none = keine Gastgeber
manage-hosting-fixed = feste Gastgeberin
manage-hosting-rotation = reihum

manage-meeting-intro = Die Änderung gilt nur für diesen einen Termin; die Regel der Reihe bleibt.
manage-meeting-none = Diese Reihe hat keine kommenden Termine.
manage-meeting-date = Termin
manage-meeting-kind = Änderung
manage-meeting-cancel = absagen
manage-meeting-move = verlegen
manage-meeting-to = Neuer Zeitpunkt
manage-meeting-to-hint = Nur beim Verlegen: Datum und Uhrzeit, z. B. 2026-05-21T17:00.
manage-meeting-note = Hinweis
manage-meeting-note-hint = Erscheint auf der Seite des Termins und im Kalender, z. B. „wegen der Sommerpause“.
manage-meeting-save = Termin ändern
manage-changes-heading = Geänderte Termine
manage-changes-none = Bisher wurde kein Termin dieser Reihe von Hand geändert.
manage-column-meeting = Termin laut Regel
manage-column-change = Änderung
manage-change-cancel = abgesagt
manage-change-move = verlegt auf { $when }
manage-change-host = Gastgeber: { $host }
manage-change-swap = Gastgeber getauscht mit dem Termin am { $date }

manage-invite-heading = Person einladen
manage-invite-intro = Die eingeladene Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt. Der Link geht nur per E-Mail hinaus und gilt bis zu dem Zeitpunkt, der unten in der Liste steht.
manage-invite-email = E-Mail-Adresse
manage-invite-email-hint = An diese Adresse geht die Einladung.
manage-invite-organization = Organisation
manage-invite-no-organization = keine Angabe
manage-invite-members-of = Mitglieder von { $network }
manage-invite-other-organizations = Weitere Organisationen
manage-invite-role-hint = Gast: sieht nur, wofür er eingeladen ist. Koordination: darf das Netzwerk verwalten.
manage-invite-language = Sprache der E-Mails
manage-invite-send = Einladung senden
manage-invite-too-many = Es wurden gerade viele Einladungen verschickt. Bitte warten Sie { $minutes ->
        [one] eine Minute
       *[other] { $minutes } Minuten
    } und senden Sie das Formular dann erneut.
manage-invitations-heading = Einladungen
manage-invitations-none = Zu diesem Netzwerk wurde noch niemand eingeladen.
manage-invitations-caption = Einladungen zu { $network }
manage-invite-expired = abgelaufen
manage-column-sent = Gesendet
manage-column-expires = Gültig bis
manage-column-used = Angenommen
manage-language-de = Deutsch
manage-language-en = Englisch
manage-network-role-guest = Gast
manage-network-role-partner = Partner
manage-network-role-member = Mitglied
manage-network-role-coordinator = Koordination

manage-roles-intro = Alle Personen mit einer Rolle im Netzwerk. Die Rolle über die Organisation folgt aus deren Mitgliedschaft; zusätzlich kann einer Person direkt eine Rolle gegeben werden. Es gilt die höhere.
manage-roles-none = Noch hat niemand eine Rolle in diesem Netzwerk.
manage-roles-caption = Personen mit einer Rolle in { $network }
manage-column-organization = Organisation
manage-column-through = Über die Organisation
manage-column-effective = Gilt
manage-column-granted = Direkt vergeben
manage-role-none = keine
manage-role-of = Direkt vergebene Rolle von { $name }
manage-role-change = Ändern
manage-role-own = Ihre eigene Rolle können Sie nicht ändern; bitten Sie eine andere Person der Koordination darum.
manage-role-yourself = Ihre eigene Rolle ändert eine andere Person der Koordination.

manage-protocol-intro = Jede Änderung am Netzwerk, die neueste zuerst. Zeiten in deutscher Zeit (Europe/Berlin).
manage-protocol-none = Noch keine Änderungen.
manage-protocol-caption = Protokoll von { $network }
manage-protocol-beyond = Diese Seite des Protokolls gibt es nicht.
manage-column-when = Zeitpunkt
manage-column-who = Person
manage-column-action = Änderung
manage-column-target = Betrifft
manage-action-account-delete = Konto gelöscht
manage-action-cohort-create = Staffel angelegt
manage-action-cohort-delete = Staffel gelöscht
manage-action-funding-call-create = Förderaufruf erfasst
manage-action-funding-call-delete = Förderaufruf gelöscht
manage-action-funding-call-update = Förderaufruf geändert
manage-action-exception-cancel = Termin abgesagt
manage-action-exception-delete = Terminänderung zurückgenommen
manage-action-exception-move = Termin verlegt
manage-action-invitation-accept = Einladung angenommen
manage-action-invitation-create = Person eingeladen
manage-action-invitation-existing = Rolle an bestehendes Konto vergeben
manage-action-lounge-check-in = In der Lounge angemeldet
manage-action-lounge-check-out = Aus der Lounge abgemeldet
manage-action-lounge-draw = Lounge-Räume ausgelost
manage-action-lounge-late = Nachzügler in Lounge-Räume gesetzt
manage-action-lounge-sample = Lounge-Abend als Beispieldaten markiert
manage-action-lounge-settings = Lounge-Einstellungen geändert
manage-action-membership-create = Mitglied aufgenommen
manage-action-membership-delete = Mitgliedschaft entfernt
manage-action-password-reset = Passwort zurückgesetzt
manage-action-role-set = Rolle geändert
manage-action-series-create = Terminreihe angelegt
manage-action-series-update = Terminreihe geändert

# Profile forms
profile-edit-link = Profil bearbeiten
profile-org-heading = Profil bearbeiten: { $organization }
profile-org-form-heading = Angaben zur Organisation
profile-org-intro = Das Kürzel „{ $slug }“ in der Adresse bleibt gleich. Art, Bundesland und Gemeindeschlüssel ändert die Plattform-Verwaltung.
profile-org-name = Name
profile-website-hint = Vollständige Adresse mit https://, z. B. https://www.stadt.de
profile-population-hint = Eine ganze Zahl ohne Punkte, z. B. 52000.
profile-source = Quelle
profile-source-hint = Woher die Angaben stammen, z. B. Statistisches Landesamt, Stand 2024.
profile-save = Speichern
profile-error-website = Bitte eine Web-Adresse angeben, die mit https:// oder http:// beginnt, z. B. https://www.stadt.de.
profile-error-population = Bitte eine ganze Zahl ab 0 ohne Punkte angeben, z. B. 52000.
profile-editors-heading = Bearbeitungsrecht
profile-editors-intro = Diese Personen dürfen das Profil der Organisation bearbeiten.
profile-editors-none = Bisher hat niemand das Bearbeitungsrecht.
profile-editor-remove = Recht entziehen
profile-editor-add-heading = Bearbeitungsrecht geben
profile-editor-add = Bearbeitungsrecht geben
profile-editor-email = E-Mail-Adresse
profile-editor-email-hint = Die Person braucht schon ein Konto auf der Plattform.
profile-settings-link = Einstellungen des Netzwerks
profile-settings-heading = Einstellungen: { $network }
profile-settings-form-heading = Name, Beschreibung und Sichtbarkeit
profile-network-name = Name
profile-network-description = Beschreibung
profile-network-description-hint = Einige Sätze dazu, was das Netzwerk ist und tut.
profile-visibility = Sichtbarkeit
profile-visibility-public = Öffentlich: alle sehen das Netzwerk, auch ohne Anmeldung
profile-visibility-network = Nur für das Netzwerk: nur angemeldete Mitglieder sehen es
profile-visibility-group = Nur für die Gruppe „{ $group }“
profile-visibility-hint = „Nur für das Netzwerk“ blendet das Netzwerk für alle anderen aus.
profile-visibility-explained = „Nur für das Netzwerk“ bedeutet: Für alle außerhalb des Netzwerks verschwinden das Netzwerk, seine Mitgliederliste, seine Terminreihen und sein Kalender – auch aus Listen und Suchergebnissen; wer die Adresse aufruft, erhält „Seite nicht gefunden“. Die Koordination und die Mitglieder sehen alles weiterhin, nachdem sie sich angemeldet haben.
profile-done-profile-saved = Das Profil wurde gespeichert.
profile-done-editor-added = Die Person darf das Profil jetzt bearbeiten.
profile-done-editor-removed = Die Person darf das Profil nicht mehr bearbeiten.
profile-done-settings-saved = Die Einstellungen wurden gespeichert.

# Meeting forms
meeting-form-saved-agenda-added = Der Tagesordnungspunkt wurde vorgeschlagen.
meeting-form-saved-agenda-removed = Der Tagesordnungspunkt wurde entfernt.
meeting-form-saved-minutes = Das Protokoll wurde gespeichert.
meeting-form-saved-attendance = Die Anwesenheit wurde gespeichert.
meeting-form-badge-network = nur Netzwerk
meeting-form-badge-group = nur Gruppe { $group }
meeting-form-visibility = Wer darf es lesen?
meeting-form-visibility-network = nur Netzwerk
meeting-form-visibility-public = öffentlich
meeting-form-error-visibility = Bitte wählen Sie, wer es lesen darf.
meeting-form-error-on-behalf = Sie können nur im Namen Ihrer eigenen Organisation vorschlagen.
meeting-form-error-organization = Diese Organisation ist unbekannt.
meeting-form-agenda-heading = Tagesordnungspunkt vorschlagen
meeting-form-agenda-text = Tagesordnungspunkt
meeting-form-agenda-hint = Höchstens { $max } Zeichen.
meeting-form-agenda-on-behalf = Im Namen von { $organization }
meeting-form-agenda-submit = Vorschlagen
meeting-form-agenda-remove = Entfernen
meeting-form-minutes-heading = Protokoll schreiben
meeting-form-minutes-text = Protokoll
meeting-form-minutes-hint = Ein leeres Feld entfernt das Protokoll.
meeting-form-minutes-submit = Protokoll speichern
meeting-form-attendance-heading = Anwesenheit erfassen
meeting-form-attendance-legend = Anwesende Organisationen
meeting-form-attendance-none = Für diese Reihe sind keine Organisationen bekannt.
meeting-form-attendance-submit = Anwesenheit speichern
meeting-form-saved-unavailable = Die Termine wurden gespeichert.
meeting-form-error-date = Bitte wählen Sie nur angebotene Termine.
meeting-form-unavailable-heading = Termine, an denen wir nicht Gastgeber sein können
meeting-form-unavailable-intro = Für { $organization }: An den angekreuzten Terminen übernimmt die nächste Organisation der Reihenfolge.
meeting-form-unavailable-legend = Die nächsten Termine
meeting-form-unavailable-submit = Termine speichern

# --- manage forms (groups, edits, delete, host/swap) ---

manage-heading-member-edit = Mitgliedschaft bearbeiten: { $organization }
manage-heading-cohort-edit = Staffel bearbeiten: { $cohort }
manage-done-member-saved = Die Mitgliedschaft wurde gespeichert.
manage-done-cohort-saved = Die Staffel wurde gespeichert.
manage-members-back = Alle Mitglieder
manage-member-edit-heading = Angaben zur Mitgliedschaft
manage-member-left = Ausgeschieden
manage-member-left-hint = Leer, solange die Organisation Mitglied ist. Mit einem Datum erscheint sie nicht mehr unter den aktuellen Mitgliedern. JJJJ, JJJJ-MM oder JJJJ-MM-TT.
manage-cohorts-back = Alle Staffeln
manage-cohort-edit-heading = Angaben zur Staffel
manage-cohort-slug-fixed = Das Kürzel bleibt, damit Mitgliedschaften und Terminreihen weiter auf die Staffel verweisen.
manage-action-cohort-update = Staffel geändert
manage-action-comment-add = Kommentar oder Rückfrage geschrieben
manage-action-experience-create = Erfahrungsbericht geteilt
manage-action-experience-delete = Erfahrungsbericht gelöscht
manage-action-experience-update = Erfahrungsbericht geändert
manage-action-project-create = Projekt angelegt
manage-action-project-delete = Projekt gelöscht
manage-action-project-update = Projekt geändert
manage-action-membership-update = Mitgliedschaft geändert
manage-nav-groups = Gruppen
manage-heading-groups = Gruppen von { $network }
manage-heading-group-edit = Gruppe bearbeiten: { $group }
manage-card-groups = Benannte Gruppen für die Sichtbarkeit „nur für die Gruppe“ anlegen und ihre Mitglieder festlegen.
manage-figure-groups =
    { $count ->
        [0] Noch keine Gruppen
        [one] 1 Gruppe
       *[other] { $count } Gruppen
    }
manage-done-group-created = Die Gruppe wurde angelegt.
manage-done-group-saved = Die Gruppe wurde gespeichert.
manage-groups-list-heading = Gruppen
manage-groups-intro = Eine Gruppe bestimmt, wer Inhalte mit der Sichtbarkeit „group:Kürzel“ sieht, etwa Tagesordnungspunkte oder Protokolle. Mitglieder sind Personen mit einem Konto.
manage-groups-none = Dieses Netzwerk hat noch keine Gruppen.
manage-groups-caption = Gruppen von { $network }
manage-groups-add-heading = Gruppe anlegen
manage-groups-add = Gruppe anlegen
manage-groups-back = Alle Gruppen
manage-group-edit-heading = Name und Mitglieder
manage-group-name = Name
manage-group-visibility = Sichtbarkeit
manage-group-members = Mitglieder
manage-group-members-hint = Personen mit einer Rolle in diesem Netzwerk. Wer nicht angekreuzt ist, gehört nicht zur Gruppe.
manage-group-empty = niemand
manage-group-nobody = Noch hat niemand eine Rolle in diesem Netzwerk; laden Sie zuerst Personen ein.
manage-group-slug-hint = Teil der Sichtbarkeit „group:Kürzel“. Leer lassen, dann wird es aus dem Namen gebildet.
manage-group-slug-fixed = Das Kürzel bleibt, weil Inhalte über „group:Kürzel“ auf die Gruppe verweisen.
manage-error-group-exists = Eine Gruppe mit diesem Kürzel gibt es schon; ändern Sie sie über „Bearbeiten“ oder wählen Sie ein anderes Kürzel.
manage-action-group-create = Gruppe angelegt
manage-action-group-update = Gruppe geändert
manage-action-group-join = Arbeitsgruppe beigetreten
manage-action-group-request = Aufnahme in eine Arbeitsgruppe erbeten
manage-action-group-accept = Aufnahme in eine Arbeitsgruppe angenommen
manage-action-group-decline = Aufnahme in eine Arbeitsgruppe abgelehnt
manage-action-group-leave = Arbeitsgruppe verlassen
manage-done-series-deleted = Die Terminreihe wurde gelöscht.
manage-meeting-heading-change = Einen Termin ändern
manage-meeting-host = Gastgeber festlegen
manage-meeting-swap = Gastgeber mit einem anderen Termin tauschen
manage-meeting-host-org = Gastgeber dieses Termins
manage-meeting-host-org-hint = Nur bei „Gastgeber festlegen“; gilt als der Turnus dieser Organisation.
manage-meeting-with = Tauschen mit dem Termin
manage-meeting-with-hint = Nur beim Tauschen: Die Gastgeber der beiden Termine wechseln.
manage-error-host-org = Bitte wählen Sie die Organisation, die diesen Termin ausrichtet.
manage-error-swap-with = Bitte wählen Sie den Termin, mit dem getauscht wird.
manage-series-delete-heading = Terminreihe löschen
manage-series-delete-intro = Löscht die Reihe mit allen Terminänderungen, Tagesordnungspunkten, Protokollen und Anwesenheiten. Abonnierte Kalender verlieren die Termine. Das lässt sich nicht rückgängig machen; das Protokoll der Verwaltung behält den Eintrag.
manage-series-delete-legend = Bestätigung
manage-series-delete-confirm = Ja, die Reihe „{ $series }“ endgültig löschen
manage-series-delete-submit = Terminreihe löschen
manage-error-delete-confirm = Bitte bestätigen Sie das Löschen mit dem Häkchen.
manage-action-exception-host = Gastgeber eines Termins festgelegt
manage-action-exception-swap = Gastgeber getauscht
manage-action-series-delete = Terminreihe gelöscht

# --- former members ---
manage-members-former =
    { $count ->
        [one] 1 ehemaliges Mitglied
       *[other] { $count } ehemalige Mitglieder
    }
manage-members-left = ausgeschieden

# --- platform administration ---
platform-link = Plattform verwalten
platform-link-hint = Netzwerke und Organisationen anlegen, alle Netzwerke verwalten.
platform-heading = Plattform verwalten
platform-intro = Hier legen Sie als Plattform-Administration neue Netzwerke und Organisationen an und erreichen die Verwaltung jedes Netzwerks und das Profil jeder Organisation.
platform-networks-heading = Netzwerke
platform-networks-none = Es sind noch keine Netzwerke eingetragen.
platform-network-new = Netzwerk anlegen
platform-manage-network = Verwalten
platform-orgs-heading = Organisationen
platform-org-new = Organisation anlegen
platform-orgs-search-label = Organisationen durchsuchen
platform-org-count = { $total ->
    [one] { $shown } von 1 Organisation angezeigt
   *[other] { $shown } von { $total } Organisationen angezeigt
}
platform-edit-org = Profil bearbeiten
platform-visibility-public = öffentlich
platform-visibility-network = nur Netzwerk
platform-visibility-group = nur Gruppe „{ $group }“
platform-network-heading = Netzwerk anlegen
platform-network-form-heading = Angaben zum Netzwerk
platform-network-intro = Nach dem Anlegen gelangen Sie zur Verwaltung des Netzwerks; dort nehmen Sie Mitglieder auf und laden die Koordination ein.
platform-network-submit = Netzwerk anlegen
platform-coordinator = Koordinierende Organisation
platform-coordinator-hint = Das Kürzel einer eingetragenen Organisation, z. B. kaiserslautern. Leer lassen, wenn es noch keine gibt.
platform-founded-on = Gegründet
platform-org-heading = Organisation anlegen
platform-org-form-heading = Angaben zur Organisation
platform-org-intro = Nach dem Anlegen gelangen Sie zum Profil der Organisation; dort benennen Sie, wer es bearbeiten darf.
platform-org-submit = Organisation anlegen
platform-kind-choose = Bitte wählen
platform-states-hint = Mehrere Bundesländer nur bei Verbünden und Regionen.
platform-ags-hint = Acht Ziffern, z. B. 07312000 für Kaiserslautern.
platform-error-states = Bitte wählen Sie mindestens ein Bundesland.
platform-error-ags = Ein Amtlicher Gemeindeschlüssel hat genau acht Ziffern.
manage-done-network-created = Das Netzwerk wurde angelegt.
profile-done-organization-created = Die Organisation wurde angelegt.
manage-action-network-create = Netzwerk angelegt
manage-action-organization-create = Organisation angelegt
manage-action-agenda-add = Tagesordnungspunkt vorgeschlagen
manage-action-agenda-delete = Tagesordnungspunkt entfernt
manage-action-attendance-set = Anwesenheit erfasst
manage-action-exception-set = Termin geändert
manage-action-minutes-set = Protokoll gespeichert
manage-action-minutes-delete = Protokoll entfernt
manage-action-unavailable-set = Verhinderte Termine angegeben
manage-action-network-update = Netzwerk-Einstellungen geändert
manage-action-organization-update = Organisationsprofil geändert
manage-action-organization-editor-grant = Bearbeitungsrecht für ein Profil gegeben
manage-action-organization-editor-revoke = Bearbeitungsrecht für ein Profil entzogen
manage-action-api-post-networks = Netzwerk über die API angelegt
manage-action-api-put-networks = Netzwerk über die API geändert
manage-action-api-delete-networks = Netzwerk über die API gelöscht
manage-action-api-post-organizations = Organisation über die API angelegt
manage-action-api-put-organizations = Organisation über die API geändert
manage-action-api-delete-organizations = Organisation über die API gelöscht
manage-action-api-post-networks-cohorts = Staffel über die API angelegt
manage-action-api-put-networks-cohorts = Staffel über die API geändert
manage-action-api-delete-networks-cohorts = Staffel über die API gelöscht
manage-action-api-post-networks-funding-calls = Förderaufruf über die API erfasst
manage-action-api-put-networks-funding-calls = Förderaufruf über die API geändert
manage-action-api-delete-networks-funding-calls = Förderaufruf über die API gelöscht
manage-action-api-put-networks-groups = Gruppe über die API festgelegt
manage-action-api-put-me-reminders = Erinnerungen über die API eingestellt
manage-action-api-put-networks-working-groups = Arbeitsgruppe über die API festgelegt
manage-action-api-post-networks-working-groups-members = Arbeitsgruppe über die API beigetreten oder Aufnahme erbeten
manage-action-api-delete-networks-working-groups-members = Arbeitsgruppe über die API verlassen
manage-action-api-put-networks-working-groups-requests = Aufnahme in eine Arbeitsgruppe über die API entschieden
manage-action-api-post-memberships = Mitgliedschaft über die API angelegt
manage-action-api-put-memberships = Mitgliedschaft über die API geändert
manage-action-api-delete-memberships = Mitgliedschaft über die API entfernt
manage-action-api-post-cooperations = Kooperation über die API angelegt
manage-action-api-put-cooperations = Kooperation über die API geändert
manage-action-api-delete-cooperations = Kooperation über die API gelöscht
manage-action-api-post-experiences = Erfahrungsbericht über die API geteilt
manage-action-api-put-experiences = Erfahrungsbericht über die API geändert
manage-action-api-delete-experiences = Erfahrungsbericht über die API gelöscht
manage-action-api-post-experiences-comments = Kommentar über die API geschrieben
manage-action-api-post-projects = Projekt über die API angelegt
manage-action-api-put-projects = Projekt über die API geändert
manage-action-api-delete-projects = Projekt über die API gelöscht
manage-action-api-post-series = Terminreihe über die API angelegt
manage-action-api-put-series = Terminreihe über die API geändert
manage-action-api-delete-series = Terminreihe über die API gelöscht
manage-action-api-put-series-exceptions = Termin über die API geändert
manage-action-api-delete-series-exceptions = Terminänderung über die API zurückgenommen
manage-action-api-put-series-unavailable = Verhinderte Termine über die API angegeben
manage-action-api-post-series-meetings-agenda = Tagesordnungspunkt über die API vorgeschlagen
manage-action-api-delete-series-meetings-agenda = Tagesordnungspunkt über die API entfernt
manage-action-api-put-series-meetings-minutes = Protokoll über die API gespeichert
manage-action-api-put-series-meetings-attendance = Anwesenheit über die API erfasst
manage-action-api-put-series-lounge = Lounge-Einstellungen über die API geändert
manage-action-api-delete-series-lounge = Lounge über die API aufgehoben
manage-action-api-post-series-meetings-lounge-checkins = Über die API in der Lounge angemeldet
manage-action-api-delete-series-meetings-lounge-checkins = Über die API aus der Lounge abgemeldet
manage-action-api-post-series-meetings-lounge-rounds = Lounge-Räume über die API ausgelost
manage-action-api-post-series-meetings-lounge-rounds-late = Nachzügler über die API in Lounge-Räume gesetzt
manage-action-api-created = Über die API angelegt: { $route }
manage-action-api-changed = Über die API geändert: { $route }
manage-action-api-deleted = Über die API gelöscht: { $route }
manage-action-other = Sonstige Änderung ({ $code })

# --- platform: cooperations and deletions ---
manage-action-cooperation-create = Kooperation angelegt
manage-action-cooperation-update = Kooperation geändert
manage-action-directory-import = Verzeichnis importiert
manage-action-cooperation-delete = Kooperation gelöscht
manage-action-network-delete = Netzwerk gelöscht
manage-action-organization-delete = Organisation gelöscht
manage-done-cooperation-created = Die Kooperation wurde angelegt.
manage-done-cooperation-saved = Die Kooperation wurde gespeichert.
manage-done-cooperation-deleted = Die Kooperation wurde gelöscht.
manage-done-network-deleted = Das Netzwerk wurde gelöscht.
manage-done-organization-deleted = Die Organisation wurde gelöscht.
platform-delete = Löschen
platform-delete-legend = Bestätigung
platform-delete-cancel = Abbrechen und zurück zur Übersicht
platform-coops-heading = Kooperationen
platform-coops-none = Es sind noch keine Kooperationen eingetragen.
platform-coop-new = Kooperation anlegen
platform-coop-edit = Bearbeiten
platform-coop-new-heading = Kooperation anlegen
platform-coop-edit-heading = Kooperation „{ $name }“ bearbeiten
platform-coop-form-heading = Angaben zur Kooperation
platform-coop-name = Name der Kooperation
platform-coop-partners-hint = Wählen Sie mindestens zwei Organisationen.
platform-coop-cadence-hint = In Worten, z. B. „mindestens monatlich“.
platform-coop-create = Kooperation anlegen
platform-coop-save = Änderungen speichern
platform-error-partners = Bitte wählen Sie mindestens zwei Organisationen.
platform-coop-delete-heading = Kooperation löschen
platform-coop-delete-intro = Die Kooperation verschwindet von den Seiten ihrer Partner. Das lässt sich nicht rückgängig machen; das Protokoll behält den Eintrag.
platform-coop-delete-confirm = Ja, die Kooperation „{ $name }“ endgültig löschen
platform-coop-delete-submit = Kooperation löschen
platform-network-delete-heading = Netzwerk „{ $name }“ löschen
platform-network-delete-intro = Löscht das Netzwerk mit seinen Mitgliedschaften, Staffeln, Terminreihen, Rollen, Einladungen und seinem Protokoll. Die Organisationen bleiben eingetragen. Das lässt sich nicht rückgängig machen.
platform-network-delete-confirm = Ja, das Netzwerk „{ $name }“ endgültig löschen
platform-network-delete-submit = Netzwerk löschen
platform-network-delete-in-use = Das Netzwerk „{ $name }“ kann noch nicht gelöscht werden, weil noch etwas darauf verweist.
platform-org-delete-heading = Organisation „{ $name }“ löschen
platform-org-delete-intro = Löscht das Profil der Organisation. Das geht nur, solange sie in keinem Netzwerk Mitglied ist, an keiner Kooperation teilnimmt, kein Netzwerk koordiniert und nicht Teil einer anderen Organisation ist. Das lässt sich nicht rückgängig machen.
platform-org-delete-confirm = Ja, die Organisation „{ $name }“ endgültig löschen
platform-org-delete-submit = Organisation löschen
platform-org-delete-in-use = Die Organisation „{ $name }“ wurde nicht gelöscht: Sie ist noch Mitglied eines Netzwerks, Partnerin einer Kooperation, Koordinatorin eines Netzwerks oder Teil einer anderen Organisation. Entfernen Sie zuerst diese Verweise.

# --- profile: figures and parts ---
profile-figures = Veröffentlichte Mitgliederzahlen
profile-figures-hint = Eine Zahl je Zeile in der Form „JJJJ[-MM[-TT]]; Anzahl; genau|mehr als; Quelle“, z. B. „2021-09; 29; genau; ikone-ds.de“. „mehr als“ steht für Angaben wie „mehr als 30 Mitglieder“; die englischen Wörter „exact“ und „more than“ gelten auch. Ein leeres Feld heißt: keine veröffentlichten Zahlen.
profile-figure-exact = genau
profile-figure-more-than = mehr als
profile-figure-error-date-missing = Zeile { $line }: Datum fehlt.
profile-figure-error-date = Zeile { $line }: „{ $value }“ ist kein Datum der Form JJJJ, JJJJ-MM oder JJJJ-MM-TT.
profile-figure-error-count-missing = Zeile { $line }: Anzahl fehlt.
profile-figure-error-count = Zeile { $line }: „{ $value }“ ist keine ganze Zahl ab 0 ohne Punkte.
profile-figure-error-qualifier-missing = Zeile { $line }: „genau“ oder „mehr als“ fehlt.
profile-figure-error-qualifier = Zeile { $line }: „{ $value }“ ist weder „genau“ noch „mehr als“.
profile-figure-error-source-missing = Zeile { $line }: Quelle fehlt.
profile-figure-error-source-long = Zeile { $line }: Die Quelle ist länger als { $max } Zeichen.
profile-parts = Bestandteile des Verbunds
profile-parts-hint = Die Kürzel der Organisationen, aus denen der Verbund besteht, eines je Zeile, z. B. „arnsberg“. Das Kürzel steht in der Adresse der Organisation: /organisationen/arnsberg.
profile-parts-error-unknown = Zeile { $line }: „{ $slug }“ ist keine Organisation im Verzeichnis.
profile-error-too-many-lines = Höchstens { $max } Zeilen.

# --- the After Work Lounge ---
lounge-title = After Work Lounge · { $date }
lounge-crumb = Lounge
lounge-settings-words = Räume zu { $size }, { $rounds ->
        [one] eine Runde
       *[other] { $rounds } Runden
    } zu { $minutes } Minuten; { $mix }, Personen einer Organisation sitzen { $seating }.
lounge-mix-cohorts = Staffeln werden gemischt
lounge-mix-states = Bundesländer werden gemischt
lounge-mix-cohorts-and-states = Staffeln und Bundesländer werden gemischt
lounge-mix-nothing = es wird nicht gemischt
lounge-seating-together = zusammen
lounge-seating-apart = getrennt
lounge-video-installation = Videodienst dieser Installation
lounge-video-series-link = Videolink der Reihe
lounge-video-none = kein Videoraum (die Lounge trifft sich in einem anderen Werkzeug)
lounge-cancelled = Dieses Treffen fällt aus.
sample-data = Beispieldaten
sample-tag = Beispiel
lounge-sample = Diesen Abend gab es nicht. Die Demo zeigt ihn, damit die Seite gefüllt ist: Die Organisationen sind echte Modellprojekte, wer teilnahm und wer wen traf, ist erfunden.
lounge-meeting-link = Zum Treffen
lounge-coverage-link = Wer hat wen getroffen?
lounge-present-heading = { $count ->
        [0] Noch niemand ist da
        [one] 1 Person ist da
       *[other] { $count } Personen sind da
    }
lounge-present-none = Noch hat sich niemand angemeldet.
lounge-join = Ich bin dabei
lounge-you = Sie
lounge-leave-own = Ich gehe
lounge-leave = abmelden
lounge-partners = Partner
lounge-form-heading = Person anmelden
lounge-form-organization = Organisation
lounge-form-organization-choose = Bitte wählen
lounge-form-name = Angezeigter Name
lounge-form-submit = Anmelden
lounge-rounds-heading = Runden und Räume
lounge-rounds-none = Noch wurde keine Runde ausgelost.
lounge-draw = Räume auslosen (Runde { $round })
lounge-late = { $count ->
        [one] Nachzügler verteilen (1 Person)
       *[other] Nachzügler verteilen ({ $count } Personen)
    }
lounge-waiting = Noch ohne Raum:
lounge-round-heading = Runde { $round }
lounge-round-ends = endet um { $time } Uhr
lounge-room-heading = Raum { $room }
lounge-room-yours = Ihr Raum
lounge-late-joiner = kam später
lounge-enter = Videoraum betreten
lounge-done-checked-in = Die Anmeldung ist gespeichert.
lounge-done-checked-out = Die Abmeldung ist gespeichert.
lounge-done-drawn = Die Räume sind ausgelost.
lounge-done-already-drawn = Diese Runde war schon ausgelost; es wurde nichts geändert.
lounge-done-late-placed = Die Nachzügler sind verteilt.
lounge-done-no-video = Diese Lounge hat keine Videoräume.
lounge-error-checkin = Diese Anmeldung gibt es an diesem Abend nicht.
lounge-error-organization = Bitte wählen Sie eine Organisation.
lounge-error-round = Die Runde muss eine ganze Zahl sein.
lounge-percent = { $value } %
meeting-lounge-link = Zur After Work Lounge dieses Abends
network-coverage-link = Wer hat wen in der Lounge getroffen?

# --- who has met whom ---
coverage-heading = Wer hat wen getroffen? · { $network }
coverage-crumb = Begegnungen
coverage-intro = Welche Organisationen des Netzwerks sich in den Räumen der After Work Lounge schon begegnet sind. Jede gemeinsame Runde zählt.
coverage-sample = { $sample } der { $count } Abende hier sind erfundene Beispielabende der Demo; ihre Begegnungen zählen mit und sind in den Tabellen mit „Beispiel“ markiert.
coverage-figure-pairs = Paare, die sich getroffen haben
coverage-figure-across = Davon über Staffeln hinweg
coverage-figure-evenings = Abende mit Räumen
coverage-pairs-met = { $met } von { $possible } ({ $share })
coverage-heat-heading = Übersicht aller Paare
coverage-heat-title = Begegnungen im Netzwerk { $network }
coverage-heat-desc = Matrix der { $count } Organisationen, nach Staffeln gruppiert; { $met } Paare haben sich getroffen. Jedes farbige Feld nennt die Zahl der Begegnungen; dieselben Angaben stehen in der Tabelle darunter.
coverage-heat-caption = Zeilen und Spalten sind die Organisationen in derselben Reihenfolge (Spalte 1 ist Zeile 1); dicke Linien trennen die Staffeln. Die Zahl im Feld sagt, wie oft sich zwei Organisationen getroffen haben.
coverage-cell-title = { $a } und { $b }: { $count ->
        [one] einmal
       *[other] { $count }-mal
    }, zuletzt am { $last }
coverage-legend-0 = noch nie
coverage-legend-1 = einmal
coverage-legend-2 = zweimal
coverage-legend-3 = dreimal oder öfter
coverage-none = Noch hat kein Abend mit Räumen stattgefunden.
coverage-pairs-summary = Die Begegnungen als Tabelle
coverage-pairs-caption = Paare, die sich getroffen haben
coverage-column-a = Organisation
coverage-column-b = traf
coverage-column-count = Wie oft
coverage-column-last = Zuletzt
coverage-column-organization = Organisation
coverage-column-evening = Abend
coverage-chart-heading = Verlauf
coverage-chart-title = Anteil der Paare, die sich getroffen haben, im Netzwerk { $network }
coverage-chart-desc = Nach { $evenings ->
        [one] einem Abend
       *[other] { $evenings } Abenden
    } haben sich { $share } aller Paare getroffen, { $across } der Paare über Staffeln hinweg.
coverage-legend-share = alle Paare
coverage-legend-across = über Staffeln hinweg
coverage-points-summary = Der Verlauf als Tabelle
coverage-never-heading = { $count ->
        [one] 1 Paar hat sich noch nie getroffen
       *[other] { $count } Paare haben sich noch nie getroffen
    }
coverage-never-count = { $count ->
        [one] 1 Organisation weiter unten in der Liste
       *[other] { $count } Organisationen weiter unten in der Liste
    }
coverage-never-none = Alle Organisationen haben sich schon getroffen.
org-met-heading = Wen haben wir getroffen?
org-met-caption = Begegnungen in der Lounge von { $network }
org-met-none = Noch keine Begegnungen in der Lounge.
org-met-not-yet = Noch nicht getroffen:
org-met-coverage-link = Alle Begegnungen im Netzwerk

# --- management: a series' lounge ---
manage-series-lounge-link = Lounge-Einstellungen
manage-lounge-heading = Lounge: { $series }
manage-lounge-back = Zurück zur Reihe
manage-lounge-form-heading = After Work Lounge
manage-lounge-intro = Eine Lounge teilt die Anwesenden eines Abends in Runden auf kleine Räume auf, sodass sich möglichst Organisationen treffen, die sich noch nicht kennen.
manage-lounge-legend = Lounge
manage-lounge-is-lounge = Diese Reihe ist eine Lounge
manage-lounge-room-size = Personen je Raum
manage-lounge-rounds = Runden je Abend
manage-lounge-minutes = Minuten je Runde
manage-lounge-mix = Mischung
manage-lounge-seating = Personen einer Organisation
manage-lounge-video = Videoräume
manage-lounge-error-number = Bitte eine ganze Zahl angeben.
manage-lounge-error-choice = Bitte einen der angebotenen Werte wählen.
manage-done-lounge-saved = Die Lounge-Einstellungen wurden gespeichert.

## Search
search-title = Suche
search-label = Suchen nach
search-placeholder = Suchen …
search-submit = Suchen
search-hint = Sucht in Organisationen, Netzwerken, Terminreihen, Tagesordnungspunkten und Protokollen, die Sie sehen dürfen. Andere Wortformen und Teile zusammengesetzter Wörter werden mitgefunden: „Sensor“ findet „Füllstandssensoren“, „muell“ findet „Müll“.
search-found =
    { $count ->
        [0] Keine Treffer für „{ $q }“
        [one] 1 Treffer für „{ $q }“
       *[other] { $count } Treffer für „{ $q }“
    }
search-relaxed = Kein Eintrag enthält alle Wörter der Suche; gezeigt werden Einträge, die einige davon enthalten.
search-none = Nichts gefunden. Versuchen Sie ein anderes oder ein kürzeres Wort.
search-facets = Eingrenzen
search-facet-kind = Art
search-facet-topic = Handlungsfeld
search-facet-state = Bundesland
search-facet-outcome = Ergebnis
search-facet-network = Netzwerk
search-facet-remove = (Filter aufheben)
search-kind-organization = Organisation
search-kind-network = Netzwerk
search-kind-project = Projekt
search-kind-experience = Erfahrungsbericht
search-kind-series = Terminreihe
search-kind-agenda = Tagesordnungspunkt
search-kind-minutes = Protokoll
search-bad-q = Der Suchtext ist zu lang: höchstens { $max } Zeichen.
search-bad-kind = „{ $value }“ ist keine bekannte Art von Eintrag.

## Wissensaustausch: Projekte und Erfahrungsberichte (Issue 13)
nav-projects = Projekte
nav-experiences = Erfahrungen
topic-mobility = Mobilität
topic-energy-environment = Energie & Umwelt
topic-administration = Verwaltung
topic-society = Gesellschaft & Beteiligung
topic-education = Bildung
topic-health = Gesundheit
topic-economy = Wirtschaft & Handel
topic-data-infrastructure = Daten & Infrastruktur
topic-safety = Sicherheit
project-status-planned = geplant
project-status-running = laufend
project-status-completed = abgeschlossen
project-status-stopped = eingestellt
outcome-success = erfolgreich
outcome-mixed = gemischt
outcome-failed = gescheitert
outcome-open = offen
knowledge-projects-title = Projekte
knowledge-projects-intro = Was die Kommunen der Netzwerke vorhaben, umsetzen und abgeschlossen haben – mit ihren Erfahrungen.
knowledge-projects-count =
    { $count ->
        [0] Keine Projekte
        [one] 1 Projekt
       *[other] { $count } Projekte
    }
knowledge-projects-none = Hier ist noch kein Projekt eingetragen, das Sie sehen können.
knowledge-project-by = { $org } · { $count ->
        [one] 1 Erfahrungsbericht
       *[other] { $count } Erfahrungsberichte
    }
knowledge-project-new = Projekt eintragen
knowledge-project-create = Projekt eintragen
knowledge-project-edit = Projekt bearbeiten
knowledge-project-form-intro = Beschreiben Sie ein Projekt Ihrer Organisation. Kontaktpersonen nennen Sie nur, wenn sie zugestimmt haben.
knowledge-project-experiences = Erfahrungsberichte zu diesem Projekt
knowledge-project-no-experiences = Zu diesem Projekt gibt es noch keinen Erfahrungsbericht, den Sie sehen können.
knowledge-project = Projekt
knowledge-project-hint = Das Kürzel eines Projekts Ihrer Organisation (aus seiner Adresse, z. B. smart-city-living-lab); leer lassen, wenn der Bericht zu keinem Projekt gehört.
knowledge-experiences-title = Erfahrungsberichte
knowledge-experiences-intro = Was funktioniert hat und was nicht: offene Berichte der Kommunen, damit niemand die Fehler anderer wiederholen muss.
knowledge-experiences-count =
    { $count ->
        [0] Keine Erfahrungsberichte
        [one] 1 Erfahrungsbericht
       *[other] { $count } Erfahrungsberichte
    }
knowledge-experiences-none = Hier ist noch kein Erfahrungsbericht, den Sie sehen können.
knowledge-experience-new = Erfahrung teilen
knowledge-experience-create = Erfahrung teilen
knowledge-experience-edit = Bericht bearbeiten
knowledge-experience-form-intro = Berichten Sie, was Sie versucht haben, wie es ausging und was Sie heute anders machen würden. Berichte über Gescheitertes teilen viele nur im Netzwerk: wählen Sie dazu die Sichtbarkeit.
knowledge-bad-filter = Der Filter „{ $field }“ hat einen unbekannten Wert und wurde nicht angewandt.
knowledge-status = Stand
knowledge-organization = Organisation
knowledge-partners = Partner
knowledge-partners-hint = Ein Kürzel einer Organisation je Zeile (aus ihrer Adresse, z. B. dfki).
knowledge-period = Zeitraum
knowledge-period-both = { $from } bis { $to }
knowledge-period-since = seit { $from }
knowledge-period-until = bis { $to }
knowledge-funding = Förderprogramm
knowledge-summary = Beschreibung
knowledge-contacts = Kontaktpersonen
knowledge-contacts-hint = Eine Person je Zeile: Name; Funktion; E-Mail (Funktion und E-Mail freiwillig). Nur Personen, die zugestimmt haben.
knowledge-links = Links
knowledge-links-hint = Eine Webadresse je Zeile, beginnend mit https://.
knowledge-started = Beginn
knowledge-ended = Ende
knowledge-title = Titel
knowledge-report = Bericht
knowledge-differently = Was wir heute anders machen würden
knowledge-author = Geteilt von
knowledge-lang = Sprache des Berichts
knowledge-lang-de = Deutsch
knowledge-lang-en = Englisch
knowledge-network = Netzwerk
knowledge-no-network = – kein Netzwerk –
knowledge-network-hint = Das Netzwerk, auf das sich „nur Netzwerk“ oder eine Gruppe bezieht.
knowledge-visibility = Sichtbarkeit
knowledge-visibility-hint = Öffentlich lesen alle; „nur Netzwerk“ lesen Mitglieder, Partner und Koordination des gewählten Netzwerks.
knowledge-visibility-public = öffentlich
knowledge-visibility-network = nur Netzwerk
knowledge-visibility-group = nur Gruppe { $group }
knowledge-visibility-group-of = nur Gruppe { $group } ({ $network })
knowledge-markdown-hint = Absätze, **fett**, *kursiv*, Listen mit „-“ und Links wie [Text](https://…) werden dargestellt; Bilder und HTML nicht.
knowledge-form-heading = Angaben
knowledge-save = Speichern
knowledge-edit-heading = „{ $title }“ bearbeiten
knowledge-delete-heading = Löschen
knowledge-delete-confirm = Ja, endgültig löschen (Kommentare eines Berichts werden mitgelöscht; Berichte eines Projekts bleiben erhalten).
knowledge-delete-submit = Endgültig löschen
knowledge-error-topics = Wählen Sie mindestens ein Handlungsfeld.
knowledge-error-partner = „{ $line }“ ist kein Kürzel einer Organisation.
knowledge-error-contact = „{ $line }“: Die E-Mail-Adresse ist nicht gültig.
knowledge-error-project = Das ist kein Kürzel eines Projekts.
knowledge-similar = Ähnliche Projekte in anderen Kommunen
knowledge-similar-none = Noch keine ähnlichen Projekte oder Berichte anderer Kommunen gefunden.
knowledge-comments = Kommentare und Rückfragen
knowledge-comments-none = Noch keine Kommentare.
knowledge-comment-heading = Kommentieren oder nachfragen
knowledge-comment-text = Ihr Kommentar
knowledge-comment-kind = Art
knowledge-comment-question = Das ist eine Rückfrage an die Autorinnen und Autoren
knowledge-comment-question-hint = Die Organisation des Berichts wird in beiden Fällen per E-Mail benachrichtigt.
knowledge-comment-submit = Absenden
knowledge-comment-sign-in = Zum Kommentieren anmelden
knowledge-question = Rückfrage
knowledge-done-project-created = Das Projekt wurde eingetragen.
knowledge-done-project-saved = Das Projekt wurde gespeichert.
knowledge-done-project-deleted = Das Projekt wurde gelöscht.
knowledge-done-experience-created = Ihr Erfahrungsbericht wurde geteilt.
knowledge-done-experience-saved = Der Bericht wurde gespeichert.
knowledge-done-experience-deleted = Der Bericht wurde gelöscht.
knowledge-done-comment-added = Ihr Kommentar wurde veröffentlicht.
knowledge-done-question-asked = Ihre Rückfrage wurde gestellt; die Organisation des Berichts wurde benachrichtigt.
search-advice = Wen fragen?
search-advice-intro = Organisationen mit den passendsten Erfahrungen:
search-advice-because = Dazu:
org-knowledge-heading = Projekte und Erfahrungen
org-project-partner = Partner bei { $org }
knowledge-choose-organization = – bitte wählen –

# Funding calls in the management (issue 14)
manage-nav-calls = Förderaufrufe
manage-heading-calls = Förderaufrufe von { $network }
manage-heading-call-edit = Förderaufruf bearbeiten: { $call }
manage-calls-back = Alle Förderaufrufe
manage-calls-list-heading = Erfasste Förderaufrufe
manage-calls-none = Noch keine Förderaufrufe erfasst.
manage-calls-caption = Förderaufrufe von { $network }, die spätesten Fristen zuerst
manage-calls-add-heading = Förderaufruf erfassen
manage-calls-add = Förderaufruf erfassen
manage-call-edit-heading = Förderaufruf ändern
manage-call-title = Titel
manage-call-funder = Fördergeber
manage-call-funder-hint = Zum Beispiel das Ministerium oder die Stiftung.
manage-call-programme = Programm
manage-call-link = Veröffentlichung (Webadresse)
manage-call-deadline = Frist
manage-call-passed = (abgelaufen)
manage-call-states = Antragsberechtigt in den Ländern
manage-call-kinds = Antragsberechtigte Organisationen
manage-call-anyone-hint = Nichts angekreuzt heißt: ohne Einschränkung.
manage-call-topics = Handlungsfelder
manage-call-description = Beschreibung
manage-error-date = Bitte ein Datum angeben, z. B. 2027-03-31.
manage-error-link = Bitte eine Webadresse angeben, die mit https:// oder http:// beginnt.
manage-done-call-added = Der Förderaufruf wurde erfasst.
manage-done-call-deleted = Der Förderaufruf wurde gelöscht.
manage-done-call-saved = Der Förderaufruf wurde gespeichert.

# Joint applications (issue 14)
manage-action-application-create = Gemeinsamer Antrag angelegt
manage-action-application-delete = Gemeinsamer Antrag gelöscht
manage-action-application-update = Gemeinsamer Antrag geändert
manage-action-application-task-create = Aufgabe zu einem Antrag hinzugefügt
manage-action-application-task-delete = Aufgabe eines Antrags gelöscht
manage-action-application-task-update = Aufgabe eines Antrags geändert
manage-action-api-post-networks-applications = Gemeinsamer Antrag angelegt (API)
manage-action-api-put-networks-applications = Gemeinsamer Antrag geändert (API)
manage-action-api-delete-networks-applications = Gemeinsamer Antrag gelöscht (API)
manage-action-api-post-networks-applications-tasks = Aufgabe zu einem Antrag hinzugefügt (API)
manage-action-api-put-networks-applications-tasks = Aufgabe eines Antrags geändert (API)
manage-action-api-delete-networks-applications-tasks = Aufgabe eines Antrags gelöscht (API)
application-status-idea = Idee
application-status-preparing = In Vorbereitung
application-status-submitted = Eingereicht
application-status-granted = Bewilligt
application-status-rejected = Abgelehnt
application-status-withdrawn = Zurückgezogen
network-applications-heading = Gemeinsame Anträge
network-applications-link = Alle gemeinsamen Anträge des Netzwerks
network-applications-active = Laufende Anträge
applications-heading = Gemeinsame Anträge von { $network }
applications-intro = Hier bereiten Organisationen des Netzwerks Förderanträge gemeinsam vor: wer den Antrag stellt, wer mitmacht, welcher Aufruf beantwortet wird und wer welche Aufgabe bis wann übernommen hat. Anträge sieht nur das Netzwerk oder eine seiner Gruppen.
applications-none = Noch keine gemeinsamen Anträge, die Sie sehen dürfen.
applications-new = Neuen gemeinsamen Antrag anlegen
applications-caption = Gemeinsame Anträge von { $network }, zuletzt bewegte zuerst
applications-pipeline = Stand der Anträge
application-title = Titel
application-lead = Antragsteller
application-partners = Partner
application-partners-hint = Organisationen des Netzwerks, die mitmachen.
application-call = Förderaufruf
application-call-none = – kein erfasster Aufruf –
application-call-deadline = Frist { $date }
application-status = Stand
application-status-on = Seit
application-status-on-hint = Der Tag, an dem der Antrag diesen Stand erreicht hat; leer heißt heute. Ein neuer Stand wird mit seinem Tag in den Verlauf übernommen.
application-description = Beschreibung
application-visibility = Sichtbar für
application-visibility-network = das ganze Netzwerk
application-visibility-group = Gruppe { $group }
application-history = Verlauf
application-tasks = Aufgaben
application-task = Aufgabe
application-task-by = Wer
application-task-due = Fällig am
application-task-state = Erledigt?
application-task-done = erledigt
application-task-open = offen
application-task-overdue = überfällig
application-task-add = Aufgabe hinzufügen
application-task-add-heading = Neue Aufgabe
application-task-mark-done = Als erledigt markieren
application-task-reopen = Wieder öffnen
application-task-delete = Aufgabe löschen
application-no-tasks = Noch keine Aufgaben.
application-edit = Antrag bearbeiten
application-delete = Antrag löschen
application-delete-heading = Antrag löschen
application-delete-confirm = Ja, diesen Antrag mit Verlauf und Aufgaben löschen.
application-new-heading = Neuer gemeinsamer Antrag
application-edit-heading = Antrag bearbeiten: { $application }
application-save = Antrag speichern
application-create = Antrag anlegen
application-back = Alle Anträge des Netzwerks
application-from-cooperation = Aus der Kooperation
application-choose-lead = – bitte wählen –
cooperation-events = Veranstaltungen
cooperation-applications = Gemeinsame Anträge
applications-done-application-created = Der Antrag wurde angelegt.
applications-done-application-saved = Der Antrag wurde gespeichert.
applications-done-application-deleted = Der Antrag wurde gelöscht.
applications-done-task-added = Die Aufgabe wurde hinzugefügt.
applications-done-task-saved = Die Aufgabe wurde gespeichert.
applications-done-task-deleted = Die Aufgabe wurde gelöscht.

# Events (issue 14)
manage-action-event-create = Veranstaltung angelegt
manage-action-event-update = Veranstaltung geändert
manage-action-event-delete = Veranstaltung gelöscht
manage-action-event-close = Anmeldung zu einer Veranstaltung geschlossen oder wieder geöffnet
manage-action-event-register = Anmeldung zu einer Veranstaltung
manage-action-event-cancel = Abmeldung von einer Veranstaltung
manage-action-api-post-networks-events = Veranstaltung angelegt (API)
manage-action-api-put-events = Veranstaltung geändert (API)
manage-action-api-delete-events = Veranstaltung gelöscht (API)
manage-action-api-put-events-closed = Anmeldung geschlossen oder geöffnet (API)
manage-action-api-post-events-registrations = Anmeldung zu einer Veranstaltung (API)
manage-action-api-delete-events-registrations = Abmeldung von einer Veranstaltung (API)
event-kind-workshop = Workshop
event-kind-conference = Fachtagung
event-kind-webinar = Online-Seminar
event-edit = Veranstaltung bearbeiten
event-when = Wann
event-address = Ort
event-online = Online
event-places = Plätze
event-seats = { $seated } von { $capacity } Plätzen belegt
event-waiting-count = { $count } auf der Warteliste
event-deadline = Anmeldung bis
event-deadline-hint = Leer heißt: bis zum Beginn.
event-closed = Die Anmeldung ist geschlossen.
event-registration-heading = Anmeldung
event-register = Verbindlich anmelden
event-sign-in = Melden Sie sich bei Knotenpunkt an, um sich für diese Veranstaltung anzumelden.
event-not-open = Eine Anmeldung ist nicht (mehr) möglich.
event-registered-elsewhere = Sie sind angemeldet.
event-cancel-mine = Abmelden
event-cancel-other = Abmelden
event-status-seated = Sie haben einen Platz.
event-status-waiting = Auf der Warteliste.
event-status-waiting-at = Warteliste, Platz { $position }
event-status-cancelled = Abgemeldet
event-participants = Teilnehmende
event-csv = Teilnehmendenliste als CSV herunterladen
event-close = Anmeldung schließen
event-open-again = Anmeldung wieder öffnen
event-no-participants = Noch keine Anmeldungen.
event-add-heading = Jemanden anmelden
event-add-name = Name
event-add-email = E-Mail-Adresse
event-add = Anmelden
event-organization = Organisation
event-status = Stand
event-registered-at = Angemeldet am
event-error-email = Bitte eine E-Mail-Adresse angeben, z. B. name@stadt.de.
event-error-time = Bitte Datum und Uhrzeit angeben, z. B. 2027-03-04T09:30.
event-error-capacity = Bitte eine Zahl von 1 bis 100.000 angeben.
event-for-public = alle (öffentlich)
event-for-network = das Netzwerk
event-for-group = die Gruppe { $group }
event-title = Titel
event-kind = Art
event-starts = Beginn (Berliner Zeit)
event-ends = Ende (Berliner Zeit)
event-capacity = Plätze
event-audience = Wer sich anmelden kann
event-question = Frage bei der Anmeldung
event-question-hint = Zum Beispiel nach Essenswünschen. Die Antworten werden nach der Veranstaltung gelöscht.
event-description = Beschreibung
event-new-heading = Neue Veranstaltung
event-edit-heading = Veranstaltung bearbeiten: { $event }
event-create = Veranstaltung anlegen
event-save = Veranstaltung speichern
event-form-intro = Workshops, Fachtagungen und Online-Seminare des Netzwerks: Sind alle Plätze belegt, kommen weitere Anmeldungen auf die Warteliste, und wer abspringt, macht den Platz für die oder den Ersten dort frei – sie oder er wird per Mail benachrichtigt.
event-delete-confirm = Ja, diese Veranstaltung mit allen Anmeldungen löschen.
network-events-heading = Veranstaltungen
network-events-new = Veranstaltung anlegen
event-done-created = Die Veranstaltung wurde angelegt.
event-done-saved = Die Veranstaltung wurde gespeichert.
event-done-deleted = Die Veranstaltung wurde gelöscht.
event-done-registered = Sie sind angemeldet.
event-done-waiting = Alle Plätze sind belegt: Sie stehen auf der Warteliste und werden per Mail benachrichtigt, sobald ein Platz frei wird.
event-done-added = Die Person wurde angemeldet.
event-done-cancelled = Die Anmeldung wurde storniert.
event-done-closed = Die Anmeldung ist geschlossen.
event-done-opened = Die Anmeldung ist wieder geöffnet.
event-only-network = Nur für das Netzwerk
event-only-group = Nur für die Gruppe { $group }
event-list-seated = angemeldet
event-list-waiting = Warteliste
event-list-cancelled = abgemeldet
event-cooperation = Aus der Kooperation
event-cooperation-choice = Aus einer Kooperation
event-cooperation-none = – keine –
event-cooperation-hint = Richten Partner einer Kooperation die Veranstaltung aus, steht sie auf deren Seiten bei der Kooperation.
event-ics = In den Kalender (.ics)
event-guest-intro = Melden Sie sich mit Name und E-Mail-Adresse an. Sie bekommen eine Mail mit einem Link; erst mit der Bestätigung dort sind Sie angemeldet.
event-guest-submit = Anmeldung anfordern
event-sign-in-instead = Oder melden Sie sich bei Knotenpunkt an und melden sich mit einem Klick an.
event-confirm-heading = Anmeldung bestätigen
event-confirm-intro = Bestätigen Sie hier Ihre Anmeldung. Ist noch ein Platz frei, gehört er Ihnen; sonst kommen Sie auf die Warteliste und werden benachrichtigt, sobald ein Platz frei wird.
event-confirm-submit = Anmeldung bestätigen
event-done-requested = Fast geschafft: Wir haben Ihnen eine Mail geschickt. Bitte bestätigen Sie die Anmeldung mit dem Link darin (innerhalb von zwei Tagen).
event-done-confirmed = Ihre Anmeldung ist bestätigt: Sie haben einen Platz. Eine Mail mit dem Link zum Abmelden ist unterwegs.
event-done-confirmed-waiting = Ihre Anmeldung ist bestätigt: Alle Plätze sind belegt, Sie stehen auf der Warteliste und werden per Mail benachrichtigt, sobald ein Platz frei wird. Eine Mail mit dem Link zum Abmelden ist unterwegs.
event-link-heading = Von der Veranstaltung abmelden
event-link-done-heading = Abgemeldet
event-link-event = Veranstaltung
event-link-when = Beginn
event-link-name = Angemeldet als
event-link-seated = Sie haben einen Platz. Wenn Sie nicht kommen können, geben Sie ihn hier frei; die oder der Erste auf der Warteliste rückt dann nach.
event-link-waiting = Sie stehen auf der Warteliste. Wenn Sie nicht mehr teilnehmen möchten, melden Sie sich hier ab.
event-link-begun = Die Veranstaltung hat begonnen; eine Abmeldung ist nicht mehr nötig.
event-link-cancelled = Diese Anmeldung ist bereits abgemeldet.
event-link-cancelled-now = Sie sind abgemeldet. Danke, dass Sie Ihren Platz freigegeben haben.
event-link-submit = Jetzt abmelden
event-limited = Zu viele Anmeldungen für diese Adresse. Bitte versuchen Sie es in { $wait } erneut.

## Erinnerungen per E-Mail
account-reminders-heading = Erinnerungen per E-Mail
account-reminders-intro = Knotenpunkt erinnert Sie an Termine und Fristen, in Ihrer Sprache. Jede Erinnerung enthält auch einen Link, mit dem Sie ihre Art mit einem Klick abbestellen.
account-reminders-legend = Diese Erinnerungen möchte ich erhalten
account-reminders-submit = Erinnerungen speichern
account-reminders-saved = Ihre Auswahl der Erinnerungen ist gespeichert.
reminder-kind-host = Gastgeber-Termine
reminder-kind-host-hint = Vier Wochen und eine Woche bevor Ihre Organisation ein Treffen ausrichtet, mit der Tagesordnung.
reminder-kind-agenda = Tagesordnungen
reminder-kind-agenda-hint = Für Koordinatorinnen und Koordinatoren: eine Woche vor jedem Treffen die Tagesordnung bisher.
reminder-kind-events = Veranstaltungen
reminder-kind-events-hint = Am Tag vor einer Veranstaltung, für die Sie einen Platz haben, und wenn Sie von der Warteliste nachrücken.
reminder-kind-deadlines = Fristen gemeinsamer Anträge
reminder-kind-deadlines-hint = Eine Woche bevor eine Aufgabe Ihrer Organisation fällig ist oder ein Förderaufruf endet, auf den Ihr Antrag antwortet.
unsubscribe-heading = Erinnerungen abbestellen
unsubscribe-intro = Mit diesem Link bestellen Sie die Erinnerungen „{ $kind }“ ab. Sie erhalten dann keine solche Erinnerung mehr.
unsubscribe-submit = Abbestellen
unsubscribe-done-heading = Abbestellt
unsubscribe-done = Sie erhalten keine Erinnerungen „{ $kind }“ mehr.
unsubscribe-again = Wieder einschalten können Sie sie jederzeit:
unsubscribe-account-link = Erinnerungen in Ihrem Konto

## Arbeitsgruppen
groups-heading = Arbeitsgruppen von { $network }
groups-crumb = Arbeitsgruppen
groups-intro = In Arbeitsgruppen arbeiten Mitglieder des Netzwerks an einem Thema weiter. Was mit einer Gruppe geteilt wird, sehen ihre Mitglieder und die Menschen der teilnehmenden Organisationen.
groups-none = Dieses Netzwerk hat noch keine Arbeitsgruppe.
group-leads = Leitung
group-organizations = Weitere Organisationen
group-organizations-count = { $count ->
    [one] eine Organisation
   *[other] { $count } Organisationen
}
group-people-count = { $count ->
    [one] eine Person
   *[other] { $count } Personen
}
group-open = offen: Beitritt ohne Anfrage
group-by-request = Beitritt auf Anfrage
group-join = Beitreten
group-ask = Aufnahme anfragen
group-leave = Austreten
group-withdraw = Anfrage zurückziehen
group-standing-member = Sie sind Mitglied.
group-standing-requested = Ihre Anfrage liegt der Leitung vor.
group-requests = Anfragen zur Aufnahme
group-accept = Aufnehmen
group-decline = Ablehnen
group-people = Mitglieder
group-people-none = Noch ist niemand namentlich eingetragen.
group-meetings = Nächste Treffen
group-meetings-none = Keine Treffen in den nächsten 90 Tagen.
group-activity = Zuletzt geteilt
group-activity-none = Mit dieser Gruppe wurde noch nichts geteilt.
group-activity-experience = Erfahrung
group-activity-application = Antrag
group-activity-event = Veranstaltung
group-members-only = Mitglieder, Treffen und Geteiltes sehen die Mitglieder der Gruppe.
group-done-joined = Sie sind der Arbeitsgruppe beigetreten.
group-done-requested = Ihre Anfrage ist gestellt; die Leitung entscheidet.
group-done-left = Sie sind nicht mehr in der Arbeitsgruppe.
group-done-accepted = Die Person ist aufgenommen.
group-done-declined = Die Anfrage ist abgelehnt.
network-groups-heading = Arbeitsgruppen
network-groups-link = Die Arbeitsgruppen des Netzwerks, wer sie leitet und wie man mitmacht
groups-new = Neue Arbeitsgruppe
group-edit = Arbeitsgruppe bearbeiten
group-new-heading = Neue Arbeitsgruppe
group-edit-heading = { $group } bearbeiten
group-create = Arbeitsgruppe anlegen
group-save = Speichern
group-form-intro = Wer namentlich in der Gruppe ist, legen Sie in der Verwaltung unter „Gruppen“ fest; Menschen des Netzwerks können auch selbst beitreten oder um Aufnahme bitten.
group-form-purpose = Worum es geht
group-form-purpose-hint = Ein paar Sätze; Markdown ist erlaubt.
group-form-organizations = Teilnehmende Organisationen
group-form-organizations-hint = Alle Menschen dieser Organisationen sehen, was mit der Gruppe geteilt wird. Die Leitung nimmt immer teil.
group-form-joining = Beitritt
group-done-created = Die Arbeitsgruppe ist angelegt.
group-done-saved = Die Arbeitsgruppe ist gespeichert.
group-done-not-member = Sie waren nicht (mehr) in der Arbeitsgruppe.
group-done-no-request = Diese Anfrage liegt nicht mehr vor; vielleicht hat schon jemand anderes entschieden.
