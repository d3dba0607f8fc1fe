package web_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

var (
	logLineRe = regexp.MustCompile(`(?s)<li class="logline" id="r(\d+)">\s*<p class="logline-text">(.*?)</p>\s*<p class="logline-meta small muted"><a href="/transparansi/catatan/\d+">[^<]*</a> · ([^<]*) ·`)
	tagRe     = regexp.MustCompile(`<[^>]+>`)
)

type shownLine struct {
	N    int64
	Text string // the sentence without its links
	Kind string // the kind's short name
}

// logLines reads the records a page shows, in order.
func logLines(t *testing.T, body string) []shownLine {
	t.Helper()
	var out []shownLine
	for _, m := range logLineRe.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, shownLine{N: n, Text: html.UnescapeString(tagRe.ReplaceAllString(m[2], "")), Kind: m[3]})
	}
	return out
}

// TestTransparencyInWords: /transparansi says the log in sentences, newest
// first, the signed JSON only inside a closed <details>; filters by kind,
// regency, employer and program keep only their records; paging by record
// number stays put while the log grows; the Atom feed is well-formed Atom
// with the page's filter; a record's page says its sentence.
func TestTransparencyInWords(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := context.Background()
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		size, err := ledger.Size(ctx, d)
		if err != nil {
			t.Fatal(err)
		}

		st, body, _ := anon.get("/transparansi")
		lines := logLines(t, body)
		if st != 200 || len(lines) != 20 || lines[0].N != size-1 || lines[19].N != size-20 {
			t.Fatalf("/transparansi: %d, %d records shown, first %+v", st, len(lines), lines)
		}
		for _, l := range lines {
			if strings.ContainsAny(l.Text, "{}") || !strings.HasSuffix(l.Text, ".") {
				t.Errorf("record %d is not a sentence: %q", l.N, l.Text)
			}
		}
		// Every <pre> of a record sits in a <details> (closed: no "open").
		if n, m := strings.Count(body, `<details class="logline-json"><summary>`), strings.Count(body, `<pre class="hash">{`); n != 20 || m != 20 {
			t.Errorf("%d JSON blocks in %d closed details", m, n)
		}
		if !strings.Contains(body, `<link rel="alternate" type="application/atom+xml" href="/transparansi/feed.atom"`) {
			t.Error("no <link rel=alternate> to the log's feed")
		}

		// Paging: the older page starts below the last record shown, and
		// the same link shows the same records after the log grows.
		older := regexp.MustCompile(`<a href="([^"]+)" rel="next">`).FindStringSubmatch(body)
		if older == nil || !strings.Contains(older[1], fmt.Sprintf("sebelum=%d", size-20)) {
			t.Fatalf("older link: %v", older)
		}
		_, page2, _ := anon.get(html.UnescapeString(older[1]))
		p2 := logLines(t, page2)
		if len(p2) != 20 || p2[0].N != size-21 {
			t.Fatalf("page 2 starts at %+v", p2[:1])
		}
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ComplaintReceived, At: time.Now(), Fields: map[string]any{"complaint": "00"}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		_, again, _ := anon.get(html.UnescapeString(older[1]))
		if a := logLines(t, again); len(a) != 20 || a[0].N != p2[0].N || a[19].N != p2[19].N {
			t.Errorf("page 2 moved after an append: %d…%d, was %d…%d", a[0].N, a[19].N, p2[0].N, p2[19].N)
		}

		// Filters.
		check := func(query string, ok func(shownLine) bool, what string) []shownLine {
			t.Helper()
			st, body, _ := anon.get("/transparansi?" + query)
			ls := logLines(t, body)
			if st != 200 || len(ls) == 0 {
				t.Fatalf("?%s: %d, %d records", query, st, len(ls))
			}
			for _, l := range ls {
				if !ok(l) {
					t.Errorf("?%s shows record %d, not %s: %q", query, l.N, what, l.Text)
				}
			}
			return ls
		}
		check("jenis=vacancy.published", func(l shownLine) bool { return strings.Contains(l.Text, ") dibuka: ") }, "an opened vacancy")
		check("jenis=vacancy.published&wilayah=3672", func(l shownLine) bool { return strings.Contains(l.Text, ", Kota Cilegon) dibuka: ") }, "a Cilegon vacancy")
		var emp int64
		var empName string
		if err := d.QueryRowContext(ctx, `SELECT e.id, e.name FROM employers e JOIN vacancies v ON v.employer_id = e.id
			JOIN applications a ON a.vacancy_id = v.id ORDER BY e.id LIMIT 1`).Scan(&emp, &empName); err != nil {
			t.Fatal(err)
		}
		byEmp := check(fmt.Sprintf("perusahaan=%d", emp), func(l shownLine) bool { return strings.Contains(l.Text, "("+empName) }, empName)
		kinds := map[string]bool{}
		for _, l := range byEmp {
			kinds[l.Kind] = true
		}
		if len(kinds) < 2 {
			t.Errorf("the employer filter shows only %v: applications are the employer's too", kinds)
		}
		_, body, _ = anon.get(fmt.Sprintf("/transparansi?perusahaan=%d", emp))
		if !strings.Contains(body, `<span class="chip">`+html.EscapeString(empName)) {
			t.Error("the employer filter is not shown by name")
		}
		var pid int64
		var program string
		if err := d.QueryRowContext(ctx, `SELECT p.id, p.title FROM round_programs rp JOIN programs p ON p.id = rp.program_id
			JOIN intake_rounds r ON r.id = rp.round_id WHERE r.allocated_at IS NOT NULL ORDER BY p.id LIMIT 1`).Scan(&pid, &program); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("program=%d&jenis=training.seat", pid), func(l shownLine) bool { return strings.Contains(l.Text, "mendapat kursi "+program) }, program)
		// A filter naming nothing is dropped, not an error.
		if st, body, _ := anon.get("/transparansi?jenis=nope&wilayah=x&perusahaan=-1&sebelum=abc"); st != 200 || len(logLines(t, body)) != 20 {
			t.Errorf("nonsense filter: %d", st)
		}
		if st, body, _ := anon.get("/transparansi?jenis=ledger.loss"); st != 200 || !strings.Contains(body, "Tidak ada catatan yang cocok") {
			t.Errorf("empty filter: %d", st)
		}

		// The Atom feed, filtered as the page.
		for _, q := range []string{"", "?jenis=application.received&wilayah=3604"} {
			st, body, hdr := anon.get("/transparansi/feed.atom" + q)
			if st != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("feed%s: %d %s", q, st, hdr.Get("Content-Type"))
			}
			var feed struct {
				XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
				ID      string   `xml:"id"`
				Title   string   `xml:"title"`
				Updated string   `xml:"updated"`
				Author  struct {
					Name string `xml:"name"`
				} `xml:"author"`
				Links []struct {
					Href string `xml:"href,attr"`
					Rel  string `xml:"rel,attr"`
				} `xml:"link"`
				Entries []struct {
					ID      string `xml:"id"`
					Title   string `xml:"title"`
					Updated string `xml:"updated"`
					Link    struct {
						Href string `xml:"href,attr"`
					} `xml:"link"`
					Content struct {
						Type string `xml:"type,attr"`
						Body string `xml:",chardata"`
					} `xml:"content"`
				} `xml:"entry"`
			}
			dec := xml.NewDecoder(strings.NewReader(body))
			dec.Strict = true
			if err := dec.Decode(&feed); err != nil {
				t.Fatalf("feed%s is not XML: %v", q, err)
			}
			if feed.ID == "" || feed.Title == "" || feed.Author.Name == "" || len(feed.Entries) == 0 {
				t.Fatalf("feed%s lacks what RFC 4287 requires: %+v", q, feed)
			}
			if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
				t.Errorf("feed updated %q: %v", feed.Updated, err)
			}
			self := false
			for _, l := range feed.Links {
				self = self || (l.Rel == "self" && strings.HasSuffix(l.Href, "/transparansi/feed.atom"+q))
			}
			if !self {
				t.Errorf("feed%s: no self link: %+v", q, feed.Links)
			}
			ids := map[string]bool{}
			for _, e := range feed.Entries {
				if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || ids[e.ID] || !strings.HasPrefix(e.ID, "http") || e.Link.Href != e.ID {
					t.Fatalf("entry %+v", e)
				}
				ids[e.ID] = true
				if e.Content.Type != "html" || strings.Contains(e.Content.Body, `href="/`) {
					t.Fatalf("entry content %+v: html with absolute links", e.Content)
				}
				if q != "" && !strings.HasPrefix(tagRe.ReplaceAllString(e.Content.Body, ""), "Satu lamaran masuk") {
					t.Errorf("filtered feed has %q", e.Content.Body)
				}
			}
		}

		// A record's page says it in words, with the JSON below.
		st, body, _ = anon.get("/transparansi/catatan/0")
		if st != 200 || !regexp.MustCompile(`<p class="lead logline-text">Lowongan <a href="/lowongan/\d+">`).MatchString(body) {
			t.Errorf("record page: %d, no sentence", st)
		}
	})
}

// TestObjectHistoryPages: an employer's public page, a program's and a
// round's show their records in the public log, with record numbers, the
// seats counted, and a link to the filtered log.
func TestObjectHistoryPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := context.Background()
		anon := &browser{t: t, base: srv.URL, c: apptest.NewClient()}
		var emp int64
		if err := d.QueryRowContext(ctx, `SELECT employer_id FROM vacancies WHERE status <> 'draft' ORDER BY id LIMIT 1`).Scan(&emp); err != nil {
			t.Fatal(err)
		}
		st, body, _ := anon.get(fmt.Sprintf("/pemberi-kerja/%d", emp))
		if st != 200 || !strings.Contains(body, `id="riwayat-log"`) || !strings.Contains(body, ") dibuka: ") ||
			!strings.Contains(body, fmt.Sprintf(`href="/transparansi?perusahaan=%d#catatan"`, emp)) {
			t.Errorf("employer page: %d, no history", st)
		}
		var rid, pid int64
		if err := d.QueryRowContext(ctx, `SELECT rp.round_id, rp.program_id FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
			WHERE r.allocated_at IS NOT NULL ORDER BY rp.round_id LIMIT 1`).Scan(&rid, &pid); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{fmt.Sprintf("/pelatihan/gelombang/%d", rid), fmt.Sprintf("/pelatihan/%d", pid)} {
			st, body, _ := anon.get(p)
			if st != 200 || !strings.Contains(body, `id="riwayat-log"`) || !strings.Contains(body, " dibuka untuk ") ||
				!strings.Contains(body, "Kursi yang dibagi: ") || !regexp.MustCompile(`Catatan #\d+`).MatchString(body) {
				t.Errorf("%s: %d, no history with seats counted", p, st)
			}
		}
	})
}
