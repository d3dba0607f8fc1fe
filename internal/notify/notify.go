// Package notify tells people what happened: an in-app inbox that always
// works, and email, WhatsApp and SMS through a durable outbox.
//
// A notice is written by Send in the transaction of the event that causes
// it (an application moved, a seat allocated), so it exists exactly when
// the event does. Send renders the notice in the person's language, keeps it
// in their inbox, and queues one outbox row for every channel the person
// consented to, verified an address for and did not turn off for the kind.
// A Worker inside `serve` delivers the outbox (see outbox.go).
package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Channel is a way of reaching a person.
type Channel string

const (
	Inbox    Channel = "inbox" // in the app: always on, needs nothing
	Email    Channel = "email"
	WhatsApp Channel = "whatsapp"
	SMS      Channel = "sms"
)

// Channels are the channels outside the app, in the order pages show them.
var Channels = []Channel{Email, WhatsApp, SMS}

// ParseChannel reads a channel name.
func ParseChannel(s string) (Channel, bool) {
	switch c := Channel(s); c {
	case Inbox, Email, WhatsApp, SMS:
		return c, true
	}
	return "", false
}

// ContactKind is the kind of address a channel needs.
func (c Channel) ContactKind() string {
	if c == Email {
		return "email"
	}
	return "phone"
}

// Kind is a kind of notice a person can turn on or off per channel.
type Kind string

const (
	// Account carries verification codes, password resets and security
	// notices: always sent, never turned off, never held for quiet hours.
	Account     Kind = "akun"
	Application Kind = "lamaran"        // an application's status changed (with the reason)
	Invitation  Kind = "undangan"       // an employer invited a seeker to apply
	Interview   Kind = "wawancara"      // interview and offer events
	Training    Kind = "pelatihan"      // seat results; rounds opening for followed programs
	AK1Report   Kind = "ak1"            // the AK/1 card's six-monthly report is due
	Applicants  Kind = "pelamar"        // an employer's new applicants
	Closing     Kind = "lowongan_tutup" // a vacancy the person applied to or saved closes soon
	Nota        Kind = "nota"           // a nota pemeriksaan's deadline, to the employer
	Overdue     Kind = "kasus"          // overdue cases, to officers
	Complaint   Kind = "pengaduan"      // news on a complaint
	Alert       Kind = "lowongan_baru"  // a saved search matched a new vacancy
	Digest      Kind = "untuk_anda"     // the daily "Lowongan untuk Anda"
	Screening   Kind = "tinjauan"       // a petugas decided on a held or flagged vacancy, to the employer
	Tracer      Kind = "tracer"         // an SMK graduate's tracer-study question at 6 and 12 months
)

// KindInfo describes a kind for the preferences page.
type KindInfo struct {
	Kind Kind
	// Roles are the roles the kind concerns (empty: everybody).
	Roles []auth.Role
	// Off lists the channels off until the person turns them on.
	Off []Channel
}

// Kinds are the kinds a person can choose, in the order pages show them.
var Kinds = []KindInfo{
	{Kind: Application, Roles: []auth.Role{auth.Pencari}},
	{Kind: Invitation, Roles: []auth.Role{auth.Pencari}},
	{Kind: Interview, Roles: []auth.Role{auth.Pencari, auth.Perusahaan}},
	{Kind: Training, Roles: []auth.Role{auth.Pencari}},
	{Kind: AK1Report, Roles: []auth.Role{auth.Pencari}},
	{Kind: Alert, Roles: []auth.Role{auth.Pencari}},
	{Kind: Digest, Roles: []auth.Role{auth.Pencari}, Off: []Channel{Email, WhatsApp, SMS}},
	{Kind: Closing, Roles: []auth.Role{auth.Pencari, auth.Perusahaan}},
	{Kind: Applicants, Roles: []auth.Role{auth.Perusahaan}},
	{Kind: Nota, Roles: []auth.Role{auth.Perusahaan}},
	{Kind: Screening, Roles: []auth.Role{auth.Perusahaan}},
	{Kind: Tracer, Roles: []auth.Role{auth.Pencari}},
	{Kind: Overdue, Roles: []auth.Role{auth.Pengawas, auth.Mediator, auth.Petugas}},
	{Kind: Complaint},
}

// Info returns the description of k (and false for Account and unknown kinds,
// which cannot be chosen).
func Info(k Kind) (KindInfo, bool) {
	for _, i := range Kinds {
		if i.Kind == k {
			return i, true
		}
	}
	return KindInfo{}, false
}

// DefaultOn says whether kind k goes to channel c when the person has not
// chosen: on for every kind, except those whose Off lists c. A channel also
// needs the person's consent and a verified address, which Send checks.
func DefaultOn(k Kind, c Channel) bool {
	i, ok := Info(k)
	if !ok {
		return true
	}
	for _, off := range i.Off {
		if off == c {
			return false
		}
	}
	return true
}

// Store keeps inboxes, preferences and the outbox.
type Store struct {
	DB      *db.DB
	Catalog *i18n.Catalog
	Now     func() time.Time
	// Box signs one-click unsubscribe links.
	Box *secret.Box
	// BaseURL makes absolute links for messages leaving the app.
	BaseURL string
	// Quiet holds WhatsApp and SMS between these WIB hours (21:00–06:00).
	QuietFrom, QuietTo int
	// Enabled lists the channels with a gateway; nil means all (tests).
	// Nothing is queued for a channel without one: the notice stays in the
	// inbox rather than dying in the outbox as undeliverable.
	Enabled map[Channel]bool
}

// On reports whether channel c can carry messages here (the inbox always).
func (s *Store) On(c Channel) bool {
	return c == Inbox || s.Enabled == nil || s.Enabled[c]
}

// ErrChannelOff means a direct message asked for a channel this
// installation has no gateway for.
var ErrChannelOff = fail.New(fail.Unavailable, "notify: channel not configured")

// Notice is something to tell one person. Title and Body are message keys
// of the catalog, filled from Args (pairs of name, value).
type Notice struct {
	To    int64
	Kind  Kind
	Title string
	Body  string
	Args  []any
	// URL is the page the notice leads to, a path on the site.
	URL string
	// Dedupe, when set, makes the notice go once per person: a second Send
	// with the same value does nothing.
	Dedupe string
	// Code is a one-time code the message carries (Account kind only).
	Code string
}

// Send records n in its person's inbox and queues it on every channel that
// may carry it, in q (the transaction of the event). It reports whether the
// notice was new (false when Dedupe had been sent).
func (s *Store) Send(ctx context.Context, q db.Querier, n Notice) (bool, error) {
	if n.To == 0 || n.Kind == "" || n.Title == "" {
		return false, fmt.Errorf("notify: incomplete notice %+v", n)
	}
	var lang string
	err := q.QueryRowContext(ctx, `SELECT lang FROM users WHERE id = ?`, n.To).Scan(&lang)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // the account was deleted: nobody to tell
	}
	if err != nil {
		return false, fmt.Errorf("notify: user %d: %w", n.To, err)
	}
	title := s.Catalog.T(lang, n.Title, n.Args...)
	body := ""
	if n.Body != "" {
		body = s.Catalog.T(lang, n.Body, n.Args...)
	}
	now := s.Now().UTC()
	var dedupe any
	if n.Dedupe != "" {
		dedupe = n.Dedupe
	}
	var id int64
	if n.Code == "" {
		// Codes stay out of the inbox: whoever holds the session must not
		// read a code meant to prove they hold the phone or the mailbox.
		err = q.QueryRowContext(ctx, `INSERT INTO notifications (user_id, kind, title, body, url, dedupe, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
			n.To, string(n.Kind), title, body, n.URL, dedupe, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("notify: inbox: %w", err)
		}
	}
	routes, err := s.routes(ctx, q, n.To, n.Kind)
	if err != nil {
		return false, err
	}
	for _, r := range routes {
		if err := s.queue(ctx, q, outRow{notification: id, user: n.To, kind: n.Kind, channel: r.channel, address: r.address,
			lang: lang, subject: title, body: body, url: n.URL, code: n.Code}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// Direct is a message to an address rather than to an account's channels:
// a verification code to an address not yet verified, or news to a
// complaint's contact. It skips the inbox and every preference.
type Direct struct {
	// User is the account the address belongs to, if any (for the rate
	// limit and to delete it with the account).
	User    int64
	Kind    Kind
	Channel Channel
	Address string
	Lang    string
	Title   string
	Body    string
	Args    []any
	URL     string
	Code    string
}

// SendDirect queues d in q.
func (s *Store) SendDirect(ctx context.Context, q db.Querier, d Direct) error {
	if d.Channel == Inbox || d.Address == "" || d.Title == "" {
		return fmt.Errorf("notify: incomplete direct message to %s", d.Channel)
	}
	if !s.On(d.Channel) {
		return fmt.Errorf("%w: %s", ErrChannelOff, d.Channel)
	}
	lang := i18n.Lang(d.Lang)
	body := ""
	if d.Body != "" {
		body = s.Catalog.T(lang, d.Body, d.Args...)
	}
	return s.queue(ctx, q, outRow{user: d.User, kind: d.Kind, channel: d.Channel, address: d.Address, lang: lang,
		subject: s.Catalog.T(lang, d.Title, d.Args...), body: body, url: d.URL, code: d.Code})
}

type route struct {
	channel Channel
	address string
}

// routes lists the channels outside the app that carry kind k to user: a
// verified address, the channel's consent (latest choice granted), and the
// kind not turned off (or on by default).
func (s *Store) routes(ctx context.Context, q db.Querier, user int64, k Kind) ([]route, error) {
	addr := map[string]string{}
	rows, err := q.QueryContext(ctx, `SELECT kind, address FROM contacts WHERE user_id = ? AND verified_at IS NOT NULL`, user)
	if err != nil {
		return nil, fmt.Errorf("notify: contacts: %w", err)
	}
	for rows.Next() {
		var kind, a string
		if err := rows.Scan(&kind, &a); err != nil {
			rows.Close()
			return nil, err
		}
		addr[kind] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(addr) == 0 {
		return nil, nil
	}
	consent, err := s.consents(ctx, q, user)
	if err != nil {
		return nil, err
	}
	prefs := map[Channel]bool{}
	rows, err = q.QueryContext(ctx, `SELECT channel, enabled FROM notify_prefs WHERE user_id = ? AND kind = ?`, user, string(k))
	if err != nil {
		return nil, fmt.Errorf("notify: prefs: %w", err)
	}
	for rows.Next() {
		var c string
		var on bool
		if err := rows.Scan(&c, &on); err != nil {
			rows.Close()
			return nil, err
		}
		prefs[Channel(c)] = on
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return s.choose(k, addr, consent, prefs), nil
}

// choose is the one rule of who gets a notice of kind k where: a verified
// address (addr by contact kind), a gateway, and for every kind but Account
// the channel's consent and the kind not turned off (prefs, else the
// default). Send and SendMany both ask it.
func (s *Store) choose(k Kind, addr map[string]string, consent, prefs map[Channel]bool) []route {
	var out []route
	for _, c := range Channels {
		a := addr[c.ContactKind()]
		if a == "" || !s.On(c) {
			continue
		}
		if k == Account {
			// Codes and resets go to every verified address; on the phone
			// by one channel only, the one the person consented to
			// (WhatsApp, where Banten's workers are, unless they chose SMS).
			if c != Email && c != s.accountPhone(consent) {
				continue
			}
		} else {
			if !consent[c] {
				continue
			}
			on, chosen := prefs[c]
			if !chosen {
				on = DefaultOn(k, c)
			}
			if !on {
				continue
			}
		}
		out = append(out, route{c, a})
	}
	return out
}

// accountPhone is the phone channel that carries account messages: the
// only one with a gateway, else the one the person consented to.
func (s *Store) accountPhone(consent map[Channel]bool) Channel {
	switch wa, sms := s.On(WhatsApp), s.On(SMS); {
	case wa && !sms:
		return WhatsApp
	case sms && !wa:
		return SMS
	}
	if consent[SMS] && !consent[WhatsApp] {
		return SMS
	}
	return WhatsApp
}

// consents returns each channel's current consent for user.
func (s *Store) consents(ctx context.Context, q db.Querier, user int64) (map[Channel]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT channel, granted FROM consents WHERE user_id = ? ORDER BY at, id`, user)
	if err != nil {
		return nil, fmt.Errorf("notify: consents: %w", err)
	}
	defer rows.Close()
	out := map[Channel]bool{}
	for rows.Next() {
		var c string
		var g bool
		if err := rows.Scan(&c, &g); err != nil {
			return nil, err
		}
		out[Channel(c)] = g // the latest row wins
	}
	return out, rows.Err()
}

type outRow struct {
	notification, user int64
	kind               Kind
	channel            Channel
	address, lang      string
	subject, body, url string
	code               string
}

func (s *Store) queue(ctx context.Context, q db.Querier, r outRow) error {
	now := s.Now().UTC()
	next := now
	if r.kind != Account && (r.channel == WhatsApp || r.channel == SMS) {
		next = s.afterQuiet(now)
	}
	var notification, user any
	if r.notification != 0 {
		notification = r.notification
	}
	if r.user != 0 {
		user = r.user
	}
	_, err := q.ExecContext(ctx, `INSERT INTO outbox (notification_id, user_id, kind, channel, address, lang, subject, body, url, code, next_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		notification, user, string(r.kind), string(r.channel), r.address, r.lang, r.subject, r.body, r.url, r.code, next, now)
	if err != nil {
		return fmt.Errorf("notify: queue %s: %w", r.channel, err)
	}
	return nil
}

// afterQuiet returns t, or the end of the quiet hours when t falls in them:
// nobody is woken by a job notice at night.
func (s *Store) afterQuiet(t time.Time) time.Time {
	from, to := s.QuietFrom, s.QuietTo
	if from == to {
		return t
	}
	local := t.In(wib.Zone)
	h := local.Hour()
	quiet := h >= from || h < to
	if from < to {
		quiet = h >= from && h < to
	}
	if !quiet {
		return t
	}
	end := time.Date(local.Year(), local.Month(), local.Day(), to, 0, 0, 0, wib.Zone)
	if !end.After(local) {
		end = end.AddDate(0, 0, 1)
	}
	return end.UTC()
}

// Absolute makes a site path absolute for a message leaving the app.
func (s *Store) Absolute(path string) string {
	if path == "" || strings.Contains(path, "://") {
		return path
	}
	return strings.TrimSuffix(s.BaseURL, "/") + path
}
