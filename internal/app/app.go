// Package app wires bursa's domain stores together once, so the web pages,
// the JSON API and the command line share one set of dependencies passed
// explicitly, with no globals.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/account"
	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/idempotency"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ledgertext"
	"github.com/bursa-banten/bursa/internal/match"
	"github.com/bursa-banten/bursa/internal/metrics"
	"github.com/bursa-banten/bursa/internal/monitor"
	"github.com/bursa-banten/bursa/internal/mydata"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/screen"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/stats"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/umkm"
	"github.com/bursa-banten/bursa/internal/upload"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wage"
	"github.com/bursa-banten/bursa/internal/youth"
)

// Services holds every store over one database.
type Services struct {
	DB         *db.DB
	Log        *slog.Logger
	Now        func() time.Time
	Auth       *auth.Store
	Employers  *employer.Store
	Seekers    *seeker.Store
	Vacancies  *vacancy.Store
	Complaints *complaint.Store
	Match      *match.Engine
	Training   *training.Store
	// MyData answers a person's export, correction and deletion (UU 27/2022).
	MyData *mydata.Store
	// Catalog holds the messages of both languages, for pages, the API and
	// notices alike.
	Catalog *i18n.Catalog
	// Notify keeps inboxes, notification settings and the outbox; stores
	// that cause a notice call it inside their own transactions.
	Notify *notify.Store
	// Accounts: registration, verified contacts, password recovery.
	Accounts *account.Store
	// Alerts keeps saved searches and sends job alerts and the digest.
	Alerts *alert.Store
	// Idempotency keeps first answers under API clients' Idempotency-Keys.
	Idempotency *idempotency.Store
	// Stats computes, freezes and reads the monthly statistics releases.
	Stats *stats.Store
	// Documents keeps seekers' CVs, certificates, diplomas and AK/1 photos.
	Documents *document.Store
	// Ledger serves the transparency log; the stores append to it in their
	// own transactions, so it is needed only to sign and serve.
	Ledger *ledger.Log
	// LedgerText says log records in plain words, for both doors.
	LedgerText *ledgertext.Sayer
	// Monitor keeps what the log's own monitor found (it follows the log
	// from its tiles, see internal/monitor) and when witnesses go stale.
	Monitor *monitor.Store
	// Demo marks a demo installation: every page shows a DEMO banner.
	Demo bool
	// BaseURL is the public address, for links in feeds, sitemaps and QR codes.
	BaseURL string
	// Metrics counts requests when a metrics listener is configured (nil
	// otherwise).
	Metrics *metrics.Metrics
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed for the client's address (throttles count against it).
	TrustedProxies []netip.Prefix
	// Wage is the wage council's workspace and the LKS Tripartit's agenda.
	Wage *wage.Store
	// Apprentices keeps apprenticeship programs (Permenaker 6/2020).
	Apprentices *apprentice.Store
	// UMKM is the small-business registry, its assistance programs and
	// figures; Youth the youth programs' pages across training and UMKM.
	UMKM  *umkm.Store
	Youth *youth.Store
	// BKK keeps SMKs' job offices, their graduates and the tracer study.
	BKK *bkk.Store
}

// New builds the services over d with box for confidential fields.
func New(d *db.DB, box *secret.Box, pw *auth.Passwords, log *slog.Logger, now func() time.Time) *Services {
	m := match.New(d, now)
	cat, err := i18n.Load()
	if err != nil {
		// The catalogs are compiled in: this fails only in a broken build,
		// which TestTranslations catches first.
		panic(err)
	}
	s := &Services{
		Catalog:     cat,
		Notify:      &notify.Store{DB: d, Catalog: cat, Now: now, Box: box, QuietFrom: 21, QuietTo: 6},
		DB:          d,
		Log:         log,
		Now:         now,
		Auth:        &auth.Store{DB: d, Passwords: pw, Now: now, Box: box},
		Employers:   &employer.Store{DB: d, Now: now},
		Seekers:     &seeker.Store{DB: d, Box: box, Now: now},
		Vacancies:   &vacancy.Store{DB: d, Now: now, Cache: vacancy.NewSearchCache(), Mem: vacancy.NewMemIndex()},
		Complaints:  &complaint.Store{DB: d, Box: box, Now: now, Passwords: pw},
		Match:       m,
		Training:    &training.Store{DB: d, Now: now, Box: box},
		Idempotency: &idempotency.Store{DB: d, Now: now},
		Wage:        &wage.Store{DB: d, Now: now},
		Monitor:     &monitor.Store{DB: d, Now: now, StaleAfter: 24 * time.Hour},
		Stats:       &stats.Store{DB: d, Now: now},
		UMKM:        &umkm.Store{DB: d, Now: now, Box: box},
	}
	s.LedgerText = &ledgertext.Sayer{DB: d, Catalog: cat}
	s.Stats.Ledger = func() *ledger.Log { return s.Ledger }
	s.Accounts = &account.Store{DB: d, Auth: s.Auth, Notify: s.Notify, Seekers: s.Seekers, Box: box, Now: now, Log: log}
	s.Alerts = &alert.Store{DB: d, Now: now, Notify: s.Notify, Match: m, Search: s.Vacancies}
	// The matching index reads changes from the database; these tell it
	// this process wrote, so the writer sees its own change at once.
	s.Vacancies.OnChange, s.Seekers.OnChange = m.Changed, m.Changed
	s.MyData = &mydata.Store{DB: d, Box: box, Passwords: pw, Seekers: s.Seekers, Now: now, OnChange: m.Changed}
	s.Vacancies.Notify, s.Training.Notify, s.Complaints.Notify = s.Notify, s.Notify, s.Notify
	// A company's message in a thread that asks for money is marked by the
	// screening rules' fee check, the one that holds such a vacancy.
	s.Vacancies.FeeText = screen.AsksFee
	// The vacancy store asks which company or job seeker a user is, and ranks.
	s.Vacancies.Employers, s.Vacancies.Seekers, s.Vacancies.Match = s.Employers, s.Seekers, m
	// Two uploads are checked at once: decoding a 25-megapixel photo takes
	// about 40 MB, parsing a 5 MB PDF a few times its size.
	s.Apprentices = &apprentice.Store{DB: d, Now: now, Employers: s.Employers, Vacancies: s.Vacancies}
	s.Youth = &youth.Store{Training: s.Training, UMKM: s.UMKM, Apprentices: s.Apprentices}
	// A BKK vacancy only for a school's graduates is checked at apply.
	s.BKK = &bkk.Store{DB: d, Now: now, Auth: s.Auth, Vacancies: s.Vacancies, Employers: s.Employers, Notify: s.Notify}
	s.Vacancies.ApplyCheck = s.BKK.ApplyCheck
	s.Documents = &document.Store{DB: d, Box: box, Now: now, Seekers: s.Seekers, Employers: s.Employers, Gate: upload.NewGate(2)}
	return s
}

// SessionCookie is the name of the session cookie.
const SessionCookie = "bursa_session"

// PublicBase is the site's address for absolute links (feeds, QR codes,
// report files): BaseURL when set, else what the request came to.
func (s *Services) PublicBase(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimSuffix(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// ErrorKind classifies err for both doors: the kind a domain error wraps, or
// Unavailable when the database could not be reached, so that an outage is
// a 503 with Retry-After on pages and API alike and never "not logged in".
func ErrorKind(err error) fail.Kind {
	k := fail.KindOf(err)
	if k == fail.Internal && db.Unavailable(err) {
		return fail.Unavailable
	}
	return k
}

// CurrentUser returns the user of the request's session, or nil. An error
// means the session could not be looked up (the database is down): the
// caller must answer with it, not carry on as if nobody were logged in.
func (s *Services) CurrentUser(r *http.Request) (*auth.User, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil, nil
	}
	u, err := s.Auth.Session(r.Context(), c.Value)
	if errors.Is(err, auth.ErrNoSession) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	return &u, nil
}

// DeviceCookie remembers that a browser logged in to an account before, so
// that the account's login slowdown lets it through (see auth.Login).
const DeviceCookie = "bursa_device"

// LogIn checks a login typed at either door, under the throttle, from the
// request's address and known-device cookie. On success it starts the
// session and remembers the device; a wrong login or password is
// valid.Errors on the login field, a throttle a *auth.LockedError.
func (s *Services) LogIn(w http.ResponseWriter, r *http.Request, login, password string) (auth.User, error) {
	var device string
	if c, err := r.Cookie(DeviceCookie); err == nil {
		device = c.Value
	}
	u, err := s.Auth.Login(r.Context(), auth.Attempt{Login: login, Password: password, Addr: ClientAddr(r), Device: device})
	if errors.Is(err, auth.ErrBadCredentials) {
		return auth.User{}, valid.New("login", "login_wrong")
	}
	if err != nil {
		return auth.User{}, err
	}
	if err := s.SetSession(r.Context(), w, r, u.ID); err != nil {
		return auth.User{}, err
	}
	if token := s.Auth.DeviceToken(u.ID); token != "" {
		http.SetCookie(w, &http.Cookie{Name: DeviceCookie, Value: token, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: 365 * 24 * 3600})
	}
	return u, nil
}

// secure: cookies are Secure over TLS, and behind a TLS-terminating proxy
// (r.TLS is nil there) when the public URL is https.
func (s *Services) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.BaseURL, "https://")
}

// SetSession starts a session for userID and sets its cookie.
func (s *Services) SetSession(ctx context.Context, w http.ResponseWriter, r *http.Request, userID int64) error {
	token, err := s.Auth.StartSession(ctx, userID)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: 14 * 24 * 3600})
	return nil
}

// EndSession ends the request's session and clears its cookie.
func (s *Services) EndSession(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Auth.EndSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1})
	return nil
}

// Guard applies, before either door's handler runs, what every answer that
// may carry personal data needs. Anything a logged-in user sees, anything
// answered to a form or a tracking PIN, is marked no-store: a shared phone's
// back button or a proxy must not show someone else's NIK or complaint. A
// logged-in page asked for by a browser's prefetch is answered 204 at once
// (see Prefetch); Guard then returns true and the handler must not run.
func Guard(w http.ResponseWriter, r *http.Request, loggedIn bool) (done bool) {
	if loggedIn || r.Method != http.MethodGet || r.Header.Get("X-Tracking-PIN") != "" {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	if loggedIn && Prefetch(r) {
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// Prefetch reports whether r is a browser's speculative prefetch or
// prerender rather than a person opening the page (Sec-Purpose, and the
// older Purpose and X-Moz headers). Such a request must not read personal
// data or leave an audit entry ("dibuka oleh … pada …") nobody caused.
func Prefetch(r *http.Request) bool {
	for _, h := range []string{"Sec-Purpose", "Purpose", "X-Moz"} {
		v := strings.ToLower(r.Header.Get(h))
		if strings.Contains(v, "prefetch") || strings.Contains(v, "prerender") {
			return true
		}
	}
	return false
}

// ClientAddr is the address login throttling counts against.
func ClientAddr(r *http.Request) string {
	host := r.RemoteAddr
	for i := len(host) - 1; i >= 0; i-- {
		if host[i] == ':' {
			return host[:i]
		}
	}
	return host
}

// NewMetrics registers the metrics over these services.
func (s *Services) NewMetrics() *metrics.Metrics {
	src := metrics.Sources{DBPools: s.DB.Pools(), ThrottledLogins: s.Auth.Throttled, IndexAge: s.Match.Age}
	if s.Ledger != nil {
		src.LedgerSize = func(ctx context.Context) (int64, error) {
			t, err := s.Ledger.Tree(ctx)
			return t.N, err
		}
		src.CheckpointAge = s.Ledger.CheckpointAge
	}
	return metrics.New(src)
}
