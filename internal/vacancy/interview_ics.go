package vacancy

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ICS is the interview as an RFC 5545 calendar with one VEVENT, for the
// seeker's and the employer's phone calendars. Times are UTC ("Z" form), so
// no VTIMEZONE is needed; the UID is stable per interview so that a second
// download updates the entry instead of doubling it. stamp is DTSTAMP (the
// time the file is made). An interview without a chosen time has no event:
// the caller answers 409 before asking.
func ICS(iv Appointment, a Application, stamp time.Time) []byte {
	const utc = "20060102T150405Z"
	loc := iv.Place
	if loc == "" {
		loc = iv.OnlineURL
	}
	desc := "Kontak: " + iv.Contact
	if iv.Bring != "" {
		desc += "\nBawa: " + iv.Bring
	}
	if iv.OnlineURL != "" {
		desc += "\nTautan: " + iv.OnlineURL
	}
	lines := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//bursa-banten//bursa//ID",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT",
		fmt.Sprintf("UID:interview-%d-application-%d@bursa-banten", iv.ID, iv.ApplicationID),
		"DTSTAMP:" + stamp.UTC().Format(utc),
		"DTSTART:" + iv.Chosen.UTC().Format(utc),
		"DTEND:" + iv.End().UTC().Format(utc),
		"SUMMARY:" + icsText("Wawancara: "+a.VacancyTitle+" — "+a.EmployerName),
		"LOCATION:" + icsText(loc),
		"DESCRIPTION:" + icsText(desc),
	}
	if iv.OnlineURL != "" {
		lines = append(lines, "URL:"+iv.OnlineURL)
	}
	lines = append(lines, "END:VEVENT", "END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(icsFold(l))
	}
	return []byte(b.String())
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and newline; a carriage return is dropped.
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "")
	return r.Replace(s)
}

// icsFold ends a content line with CRLF, folding it (§3.1) so that no line
// is longer than 75 octets, never inside a UTF-8 character: each
// continuation starts with one space, which counts towards its 75.
func icsFold(l string) string {
	var b strings.Builder
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}
