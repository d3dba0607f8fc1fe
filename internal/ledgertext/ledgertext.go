// Package ledgertext says each record of the public log in plain words, in
// Indonesian or English, with links to the public objects it is about:
// "Lowongan Operator Forklift (PT Logam Prima Cilegon, Kab. Serang) dibuka:
// 17 orang, Rp 6.650.000–8.550.000". The sentence is built from the record's
// own fields; a name the record does not carry (the title of a vacancy an
// application record names, a program's name for a seat) is looked up from
// public columns of public tables only. The record's JSON, which is what is
// signed, stays beside the sentence for whoever wants to check.
package ledgertext

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/wib"
)

// KeyPrefix + kind is the catalog key of a kind's sentence.
const KeyPrefix = "ledger.says."

// Line is one record said in words.
type Line struct {
	N        int64
	Kind     string
	KindName string // short name of the kind ("Lowongan dibuka")
	At       time.Time
	Text     string // the sentence, plain text
	HTML     string // the sentence with its objects linked, escaped
	URL      string // path of the record's main public object, else of the record's page
	Record   string // the exact bytes of the record
}

// Sayer says records in words.
type Sayer struct {
	DB      db.Querier
	Catalog *i18n.Catalog
}

// Say says items in lang, in the order given.
func (s *Sayer) Say(ctx context.Context, lang string, items []ledger.Item) ([]Line, error) {
	n := &names{q: s.DB, vacancies: map[string]vacancyName{}, rounds: map[string]roundName{}, programs: map[string]string{}}
	out := make([]Line, 0, len(items))
	for _, it := range items {
		l, err := s.say(ctx, n, lang, it)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", it.N, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// part is one placeholder's value: text, linked when URL is set, or a
// list of parts joined by sep.
type part struct {
	Text, URL string
	list      []part
	sep       string
}

func (p part) text() string {
	if p.list == nil {
		return p.Text
	}
	var b strings.Builder
	for i, q := range p.list {
		if i > 0 {
			b.WriteString(p.sep)
		}
		b.WriteString(q.text())
	}
	return b.String()
}

func (p part) html() string {
	if p.list != nil {
		var b strings.Builder
		for i, q := range p.list {
			if i > 0 {
				b.WriteString(html.EscapeString(p.sep))
			}
			b.WriteString(q.html())
		}
		return b.String()
	}
	if p.URL == "" {
		return html.EscapeString(p.Text)
	}
	return `<a href="` + html.EscapeString(p.URL) + `">` + html.EscapeString(p.Text) + `</a>`
}

// RecordPath is the page of record n.
func RecordPath(n int64) string { return "/transparansi/catatan/" + strconv.FormatInt(n, 10) }

func (s *Sayer) say(ctx context.Context, n *names, lang string, it ledger.Item) (Line, error) {
	l := Line{N: it.N, Kind: it.Kind, At: it.At, Record: string(it.Data), URL: RecordPath(it.N)}
	kindKey := "ledger.kind." + it.Kind
	if s.Catalog.Has(lang, kindKey) {
		l.KindName = s.Catalog.T(lang, kindKey)
	} else {
		l.KindName = s.Catalog.T(lang, "ledger.kind.")
	}
	dec := json.NewDecoder(bytes.NewReader(it.Data))
	dec.UseNumber()
	var f map[string]any
	if err := dec.Decode(&f); err != nil {
		return l, fmt.Errorf("decode: %w", err)
	}
	vals := map[string]part{}
	key := KeyPrefix + it.Kind
	t := func(k string, args ...any) string { return s.Catalog.T(lang, k, args...) }
	num := func(k string) string { return numText(f[k]) }

	switch it.Kind {
	case ledger.VacancyPublished, ledger.VacancyChanged, ledger.VacancyClosed, ledger.ApplicationReceived,
		ledger.ApplicationDecided, ledger.PlacementReported:
		vid := idOf(f["vacancy_id"])
		v, err := n.vacancy(ctx, vid)
		if err != nil {
			return l, err
		}
		// A record that states the title and employer says them as they
		// were then; others name the vacancy as it is now.
		if title, _ := f["title"].(string); title != "" {
			v.title = title
		}
		if emp, _ := f["employer"].(string); emp != "" {
			v.employer = emp
		}
		if e := idOf(f["employer_id"]); e != "" {
			v.employerID = e
		}
		if r, _ := f["region"].(string); r != "" {
			v.region = r
		}
		if v.title == "" {
			v.title = "#" + vid
		}
		l.URL = "/lowongan/" + vid
		vals["vacancy"] = part{Text: v.title, URL: l.URL}
		vals["employer"] = part{Text: v.employer}
		if v.employerID != "" {
			vals["employer"] = part{Text: v.employer, URL: "/pemberi-kerja/" + v.employerID}
		}
		vals["region"] = part{Text: regionName(v.region)}
		vals["openings"] = part{Text: num("openings")}
		w := wage(f["wage_min"], f["wage_max"])
		if u, ok := f["wage_unit"].(string); ok && u != "" && u != "month" {
			// A day's, an hour's or a piece rate: the amount alone would
			// read as a month's.
			w += " " + t("ledger.wage_unit."+u)
		}
		vals["wage"] = part{Text: w}
		vals["closes"] = part{Text: dateText(lang, f["closes_on"])}
		switch it.Kind {
		case ledger.VacancyClosed:
			reason, _ := f["reason"].(string)
			rk := "ledger.reason." + reason
			if s.Catalog.Has(lang, rk) {
				vals["reason"] = part{Text: t(rk)}
			} else {
				vals["reason"] = part{Text: t("ledger.reason.other", "reason", reason)}
			}
		case ledger.ApplicationDecided:
			st, _ := f["status"].(string)
			sk := "ledger.stage." + st
			if s.Catalog.Has(lang, sk) {
				vals["stage"] = part{Text: t(sk)}
			} else {
				vals["stage"] = part{Text: t("ledger.stage.other", "stage", st)}
			}
		}
	case ledger.RoundOpened, ledger.SeatAllocated, ledger.RoundAllocated:
		rid := idOf(f["round_id"])
		r, err := n.round(ctx, rid)
		if err != nil {
			return l, err
		}
		l.URL = "/pelatihan/gelombang/" + rid
		vals["round"] = part{Text: r.label(rid), URL: l.URL}
		vals["closes"] = part{Text: dateTimeText(lang, f["closes_at"])}
		vals["seed_hash"] = part{Text: short(f["seed_hash"])}
		vals["seed"] = part{Text: short(f["seed"])}
		vals["applicants"] = part{Text: num("applicants")}
		progPart := func(pid string) (part, error) {
			title, err := n.program(ctx, pid)
			if err != nil {
				return part{}, err
			}
			if title == "" {
				title = "#" + pid
			}
			return part{Text: title, URL: "/pelatihan/" + pid}, nil
		}
		switch it.Kind {
		case ledger.RoundOpened:
			list, _ := f["programs"].([]any)
			var ps []part
			for _, p := range list {
				pp, err := progPart(idOf(p))
				if err != nil {
					return l, err
				}
				ps = append(ps, pp)
			}
			vals["programs"] = part{list: ps, sep: ", "}
		case ledger.SeatAllocated:
			pid := idOf(f["program_id"])
			if pid == "" {
				key = "ledger.seat_none"
				break
			}
			pp, err := progPart(pid)
			if err != nil {
				return l, err
			}
			vals["program"] = pp
		case ledger.RoundAllocated:
			list, _ := f["programs"].([]any)
			var ps []part
			var seats, admitted int64
			for _, p := range list {
				m, _ := p.(map[string]any)
				pp, err := progPart(idOf(m["program_id"]))
				if err != nil {
					return l, err
				}
				seats += intOf(m["seats"])
				admitted += intOf(m["admitted"])
				each := t("ledger.alloc_program", "admitted", numText(m["admitted"]), "seats", numText(m["seats"]))
				if _, ok := m["cutoff_class"]; ok {
					// Classes count from 0 in the record and from 1 on the
					// round's page ("Kelas 1"): say it as the page does.
					each += t("ledger.alloc_cutoff", "class", intOf(m["cutoff_class"])+1)
				}
				ps = append(ps, part{list: []part{pp, {Text: ": " + each}}})
			}
			vals["programs"] = part{list: ps, sep: "; "}
			vals["seats"] = part{Text: strconv.FormatInt(seats, 10)}
			vals["admitted"] = part{Text: strconv.FormatInt(admitted, 10)}
		}
	case ledger.WageRecommendation:
		year := numText(f["year"])
		vals["year"] = part{Text: year}
		vals["region"] = part{Text: regionName(fmt.Sprint(f["region"])), URL: "/dewan-pengupahan/" + year}
		vals["umk"] = part{Text: rupiah(intOf(f["umk"]))}
		vals["base"] = part{Text: rupiah(intOf(f["base_umk"]))}
		vals["alpha"] = part{Text: numText(f["alpha"])}
		vals["inflation"] = part{Text: numText(f["inflation"])}
		vals["growth"] = part{Text: numText(f["growth"])}
	case ledger.TripartiteRecommendation:
		meeting := idOf(f["meeting"])
		vals["meeting"] = part{Text: meeting, URL: "/tripartit/" + meeting}
		vals["state"] = part{Text: t("ledger.tripartite_state." + fmt.Sprint(f["state"]))}
	case ledger.ApprenticeshipApproved, ledger.ApprenticeshipEnded:
		id := idOf(f["apprenticeship_id"])
		l.URL = "/magang/" + id
		title, _ := f["title"].(string)
		vals["program"] = part{Text: title, URL: l.URL}
		emp, _ := f["employer"].(string)
		vals["employer"] = part{Text: emp, URL: "/pemberi-kerja/" + idOf(f["employer_id"])}
		vals["region"] = part{Text: regionName(fmt.Sprint(f["region"]))}
		for _, k := range []string{"seats", "months", "theory_share", "apprentices", "completed", "dropped", "hired"} {
			vals[k] = part{Text: num(k)}
		}
		vals["allowance"] = part{Text: rupiah(intOf(f["allowance"]))}
		vals["start"] = part{Text: dateText(lang, f["start_on"])}
	case ledger.UMKMClassMoved:
		vals["region"] = part{Text: regionName(fmt.Sprint(f["region"]))}
		vals["from"] = part{Text: t("umkm.class." + fmt.Sprint(f["from"]))}
		vals["to"] = part{Text: t("umkm.class." + fmt.Sprint(f["to"]))}
		vals["year"] = part{Text: numText(f["year"])}
	case ledger.UMKMProgramOpened, ledger.UMKMProgramAllocated:
		pid := idOf(f["umkm_program_id"])
		title, _ := f["title"].(string)
		if title == "" {
			title = "#" + pid
		}
		vals["program"] = part{Text: title, URL: "/umkm/program/" + pid}
		vals["seats"] = part{Text: num("seats")}
		vals["closes"] = part{Text: dateTimeText(lang, f["closes_at"])}
		vals["seed_hash"] = part{Text: short(f["seed_hash"])}
		vals["seed"] = part{Text: short(f["seed"])}
		vals["applicants"] = part{Text: num("applicants")}
		vals["admitted"] = part{Text: num("admitted")}
	case ledger.ComplaintReceived, ledger.LossNotice:
		// Nothing to name: a complaint is only a commitment; a loss notice
		// is explained on its record's page and in the loss section.
	default:
		key = "ledger.says_unknown"
		vals["kind"] = part{Text: it.Kind}
	}
	msg := t(key)
	l.Text, l.HTML = fill(msg, vals)
	return l, nil
}

// fill replaces {name} placeholders in msg with vals, giving the plain text
// and the escaped HTML with links.
func fill(msg string, vals map[string]part) (string, string) {
	var txt, h strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			break
		}
		txt.WriteString(msg[:i])
		h.WriteString(html.EscapeString(msg[:i]))
		p, ok := vals[msg[i+1:i+j]]
		if !ok {
			p = part{Text: "–"}
		}
		txt.WriteString(p.text())
		h.WriteString(p.html())
		msg = msg[i+j+1:]
	}
	txt.WriteString(msg)
	h.WriteString(html.EscapeString(msg))
	return txt.String(), h.String()
}

// names looks up, once per page, the public names records refer to.
type names struct {
	q         db.Querier
	vacancies map[string]vacancyName
	rounds    map[string]roundName
	programs  map[string]string
}

type vacancyName struct{ title, employer, employerID, region string }

type roundName struct{ title, provider string }

func (r roundName) label(id string) string {
	switch {
	case r.provider != "" && r.title != "":
		return r.provider + " – " + r.title
	case r.title != "":
		return r.title
	}
	return "#" + id
}

func (n *names) vacancy(ctx context.Context, id string) (vacancyName, error) {
	if v, ok := n.vacancies[id]; ok || id == "" {
		return v, nil
	}
	var v vacancyName
	var emp int64
	// Title, employer name and regency are what the vacancy's own public
	// page and its log records show.
	err := n.q.QueryRowContext(ctx, `SELECT v.title, e.name, v.employer_id, v.region FROM vacancies v
		JOIN employers e ON e.id = v.employer_id WHERE v.id = ?`, id).Scan(&v.title, &v.employer, &emp, &v.region)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("vacancy %s: %w", id, err)
	}
	if err == nil {
		v.employerID = strconv.FormatInt(emp, 10)
	}
	n.vacancies[id] = v
	return v, nil
}

func (n *names) round(ctx context.Context, id string) (roundName, error) {
	if r, ok := n.rounds[id]; ok || id == "" {
		return r, nil
	}
	var r roundName
	var prov sql.NullString
	err := n.q.QueryRowContext(ctx, `SELECT r.title, p.name FROM intake_rounds r LEFT JOIN providers p ON p.id = r.provider_id
		WHERE r.id = ?`, id).Scan(&r.title, &prov)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("round %s: %w", id, err)
	}
	r.provider = prov.String
	n.rounds[id] = r
	return r, nil
}

func (n *names) program(ctx context.Context, id string) (string, error) {
	if p, ok := n.programs[id]; ok || id == "" {
		return p, nil
	}
	var title string
	err := n.q.QueryRowContext(ctx, `SELECT title FROM programs WHERE id = ?`, id).Scan(&title)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("program %s: %w", id, err)
	}
	n.programs[id] = title
	return title, nil
}

func idOf(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case string:
		return x
	}
	return ""
}

func intOf(v any) int64 {
	if x, ok := v.(json.Number); ok {
		n, _ := x.Int64()
		return n
	}
	return 0
}

func numText(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return "–"
}

// rupiah writes n the Indonesian way: 6.650.000.
func rupiah(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && c != '-' && s[i-1] != '-' {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func wage(lo, hi any) string {
	a, b := intOf(lo), intOf(hi)
	if b > a {
		return "Rp " + rupiah(a) + "–" + rupiah(b)
	}
	return "Rp " + rupiah(a)
}

func regionName(code string) string {
	if r, ok := ref.RegionByCode(code); ok {
		return r.Name
	}
	if code == "" {
		return "–"
	}
	return code
}

var monthsID = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// DateText writes a civil date or an instant (in WIB) in lang.
func DateText(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

func dateText(lang string, v any) string {
	s, _ := v.(string)
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "–"
	}
	return DateText(lang, d)
}

func dateTimeText(lang string, v any) string {
	s, _ := v.(string)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "–"
	}
	t = t.In(wib.Zone)
	return DateText(lang, t) + t.Format(" 15.04") + " WIB"
}

// short is the start of a long hex value: enough to compare by eye with
// the full value in the record.
func short(v any) string {
	s, _ := v.(string)
	if len(s) > 12 {
		return s[:12] + "…"
	}
	if s == "" {
		return "–"
	}
	return s
}

// History says every record about ref, oldest first. The caller has
// already checked that the public may see the object.
func (s *Sayer) History(ctx context.Context, lang string, ref ledger.Ref) ([]Line, error) {
	items, err := ledger.History(ctx, s.DB, ref)
	if err != nil {
		return nil, err
	}
	return s.Say(ctx, lang, items)
}
