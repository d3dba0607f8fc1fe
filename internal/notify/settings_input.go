package notify

// The rules both doors (pages and API) call for a person's inbox, their
// notification settings and the admin's view of the outbox: who may, what is
// valid, and what each screen shows.

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Mine returns u's newest notices (at most limit) and how many are unread.
func (s *Store) Mine(ctx context.Context, u *auth.User, limit int) ([]Item, int, error) {
	if u == nil {
		return nil, 0, auth.ErrLoginRequired
	}
	return s.List(ctx, u, limit)
}

// Open marks u's notice id read and returns it. Another person's notice is
// not found, exactly like a missing one.
func (s *Store) Open(ctx context.Context, u *auth.User, id int64) (Item, error) {
	if u == nil {
		return Item{}, auth.ErrLoginRequired
	}
	var it Item
	var kind string
	err := s.DB.QueryRowContext(ctx, `SELECT id, kind, title, body, url, created_at, read_at IS NOT NULL
		FROM notifications WHERE id = ? AND user_id = ?`, id, u.ID).
		Scan(&it.ID, &kind, &it.Title, &it.Body, &it.URL, &it.CreatedAt, &it.Read)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, fmt.Errorf("notice %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Item{}, fmt.Errorf("notice %d: %w", id, err)
	}
	it.Kind = Kind(kind)
	if !it.Read {
		if err := s.MarkRead(ctx, u, id); err != nil {
			return Item{}, err
		}
		it.Read = true
	}
	return it, nil
}

// Read marks u's notices read: those listed, or every one when ids is
// empty. Each listed id must be u's own: another person's (or a missing)
// notice is not found, and then none is marked.
func (s *Store) Read(ctx context.Context, u *auth.User, ids []int64) error {
	if u == nil {
		return auth.ErrLoginRequired
	}
	if len(ids) == 0 {
		return s.MarkRead(ctx, u)
	}
	if len(ids) > 500 {
		return valid.New("ids", "notify_too_many_ids", "max", 500)
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?`, now, id, u.ID)
			if err != nil {
				return fmt.Errorf("mark read %d: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("notice %d: %w", id, db.ErrNotFound)
			}
		}
		return nil
	})
}

// ChannelState is one channel outside the app as its settings show it.
type ChannelState struct {
	Channel Channel
	// Address is the person's address for the channel ("" when none);
	// Verified says it was proved.
	Address  string
	Verified bool
	Consent  bool
	// ConsentAt is when the current consent was given or withdrawn (zero
	// when the person never chose).
	ConsentAt time.Time
}

// Usable reports whether the channel can carry notices: a verified address.
func (c ChannelState) Usable() bool { return c.Verified && c.Address != "" }

// SettingsView is the settings screen: Settings with each channel's state.
type SettingsView struct {
	Settings
	Channels []ChannelState
}

// Channel returns the state of channel c.
func (v SettingsView) Channel(c Channel) ChannelState {
	for _, st := range v.Channels {
		if st.Channel == c {
			return st
		}
	}
	return ChannelState{Channel: c}
}

// SettingsFor returns u's notification settings for the settings screen.
func (s *Store) SettingsFor(ctx context.Context, u *auth.User) (SettingsView, error) {
	if u == nil {
		return SettingsView{}, auth.ErrLoginRequired
	}
	set, err := s.Settings(ctx, u)
	if err != nil {
		return SettingsView{}, err
	}
	at := map[Channel]time.Time{}
	rows, err := s.DB.QueryContext(ctx, `SELECT channel, at FROM consents WHERE user_id = ? ORDER BY at, id`, u.ID)
	if err != nil {
		return SettingsView{}, fmt.Errorf("consent times: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var t time.Time
		if err := rows.Scan(&c, &t); err != nil {
			return SettingsView{}, fmt.Errorf("consent times: %w", err)
		}
		at[Channel(c)] = t // the latest row wins
	}
	if err := rows.Err(); err != nil {
		return SettingsView{}, fmt.Errorf("consent times: %w", err)
	}
	v := SettingsView{Settings: set}
	for _, c := range Channels {
		st := ChannelState{Channel: c, Consent: set.Consent[c], ConsentAt: at[c]}
		for _, ct := range set.Contacts {
			if ct.Kind == c.ContactKind() {
				st.Address, st.Verified = ct.Address, ct.Verified
			}
		}
		v.Channels = append(v.Channels, st)
	}
	return v, nil
}

// ChoiceInput is one kind × channel choice as a door read it.
type ChoiceInput struct {
	Kind    string
	Channel string
	On      bool
}

// SettingsInput is a change to a person's settings, as either door read
// it; what is absent is left as it is.
type SettingsInput struct {
	Choices []ChoiceInput
	// Consent gives (true) or withdraws (false) consent per channel.
	Consent map[string]bool
	// Cadence per bundled kind: now, hourly or daily.
	Cadence map[string]string
}

// Form field names of the settings page: a checkbox "pilih" per kind and
// channel (value kind:channel), a checkbox "izin" per channel (value the
// channel) and a select "irama.<kind>" per bundled kind.
const (
	FormChoice  = "pilih"
	FormConsent = "izin"
	FormCadence = "irama."
)

// FormInput reads the settings page's form. A checkbox left unticked is
// off, so the form speaks for every kind the person may choose, but only on
// the channels the page let them tick (a verified address): a channel shown
// disabled is not posted, and must not read as "turned off". Values the page
// never offers are kept, so that validation refuses them.
func FormInput(v SettingsView, form url.Values) SettingsInput {
	in := SettingsInput{Consent: map[string]bool{}, Cadence: map[string]string{}}
	ticked := map[string]bool{}
	for _, x := range form[FormChoice] {
		ticked[x] = true
	}
	offered := map[string]bool{}
	for _, st := range v.Channels {
		if !st.Usable() {
			continue
		}
		in.Consent[string(st.Channel)] = slices.Contains(form[FormConsent], string(st.Channel))
		for _, k := range v.Kinds {
			key := string(k) + ":" + string(st.Channel)
			offered[key] = true
			in.Choices = append(in.Choices, ChoiceInput{Kind: string(k), Channel: string(st.Channel), On: ticked[key]})
		}
	}
	for x := range ticked {
		if !offered[x] {
			k, c, _ := strings.Cut(x, ":")
			in.Choices = append(in.Choices, ChoiceInput{Kind: k, Channel: c, On: true})
		}
	}
	for _, c := range form[FormConsent] {
		if _, ok := in.Consent[c]; !ok {
			in.Consent[c] = true
		}
	}
	for name, vals := range form {
		if k, ok := strings.CutPrefix(name, FormCadence); ok && len(vals) > 0 {
			in.Cadence[k] = vals[0]
		}
	}
	return in
}

// validate checks in against what u may choose. Field names are those of
// the API body (choices, consent, cadence).
func validate(u *auth.User, in SettingsInput) ([]Choice, map[Channel]bool, map[Kind]Cadence, error) {
	var errs valid.Errors
	mine := KindsFor(u)
	channel := func(field, s string) (Channel, bool) {
		c, ok := ParseChannel(s)
		if !ok || c == Inbox {
			// The inbox always holds everything: it is no choice.
			if !errs.Has(field) {
				errs.Add(field, "notify_channel_unknown", "channel", s)
			}
			return "", false
		}
		return c, true
	}
	var choices []Choice
	for _, ci := range in.Choices {
		k := Kind(ci.Kind)
		kindOK := slices.Contains(mine, k)
		if !kindOK && !errs.Has("choices") {
			errs.Add("choices", "notify_kind_unknown", "kind", ci.Kind)
		}
		c, chOK := channel("choices", ci.Channel)
		if kindOK && chOK {
			choices = append(choices, Choice{Kind: k, Channel: c, On: ci.On})
		}
	}
	consent := map[Channel]bool{}
	for name, on := range in.Consent {
		if c, ok := channel("consent", name); ok {
			consent[c] = on
		}
	}
	cadence := map[Kind]Cadence{}
	for name, val := range in.Cadence {
		k := Kind(name)
		if !slices.Contains(Bundled, k) || !slices.Contains(mine, k) {
			if !errs.Has("cadence") {
				errs.Add("cadence", "notify_kind_unknown", "kind", name)
			}
			continue
		}
		cd, ok := ParseCadence(val)
		if !ok {
			if !errs.Has("cadence") {
				errs.Add("cadence", "notify_cadence_unknown")
			}
			continue
		}
		cadence[k] = cd
	}
	return choices, consent, cadence, errs.Err()
}

// UpdateSettings validates in and stores it: every choice, each consent
// given or withdrawn (recorded with its time), each cadence. An unknown
// kind, channel or cadence is refused whole (valid.Errors) before anything
// is stored.
func (s *Store) UpdateSettings(ctx context.Context, u *auth.User, in SettingsInput) error {
	if u == nil {
		return auth.ErrLoginRequired
	}
	choices, consent, cadence, err := validate(u, in)
	if err != nil {
		return err
	}
	if len(choices) > 0 {
		if err := s.SetChoices(ctx, u, choices); err != nil {
			return err
		}
	}
	for _, c := range Channels { // a fixed order: the history reads the same each time
		if on, ok := consent[c]; ok {
			if err := s.SetConsent(ctx, s.DB, u.ID, c, on); err != nil {
				return err
			}
		}
	}
	for k, c := range cadence {
		if err := s.SetCadence(ctx, u, k, c); err != nil {
			return err
		}
	}
	return nil
}

// OutboxView is the admin's view of the outbox: how many messages are in
// each state, and the latest of the states worth acting on.
type OutboxView struct {
	Counts  map[string]int
	Dead    []Letter
	Pending []Letter
	Sending []Letter
}

// Statuses lists the outbox states in the order the admin page shows them.
var Statuses = []string{Pending, Sending, Sent, Dead}

// Outbox returns the outbox for u (who must be allowed to manage it), with
// addresses partly masked: the admin needs to tell letters apart, not to
// read people's numbers.
func (s *Store) Outbox(ctx context.Context, u *auth.User, limit int) (OutboxView, error) {
	if err := auth.Require(u, auth.ManageOutbox); err != nil {
		return OutboxView{}, err
	}
	var v OutboxView
	var err error
	if v.Counts, err = s.Counts(ctx); err != nil {
		return v, err
	}
	for _, st := range []struct {
		status string
		to     *[]Letter
	}{{Dead, &v.Dead}, {Pending, &v.Pending}, {Sending, &v.Sending}} {
		ls, err := s.Letters(ctx, st.status, limit)
		if err != nil {
			return v, err
		}
		for i := range ls {
			ls[i].Address = Mask(ls[i].Address)
		}
		*st.to = ls
	}
	return v, nil
}

// ErrNotDead means a retry named a message that is not a dead letter (any
// longer): retried already, or never dead.
var ErrNotDead = fail.New(fail.Conflict, "notify: not a dead letter")

// RetryLetter puts dead letter id back in the queue for u (who must be
// allowed to manage the outbox) and records who did so.
func (s *Store) RetryLetter(ctx context.Context, u *auth.User, id int64) error {
	if err := auth.Require(u, auth.ManageOutbox); err != nil {
		return err
	}
	var status string
	err := s.DB.QueryRowContext(ctx, `SELECT status FROM outbox WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("outbox %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("outbox %d: %w", id, err)
	}
	ok, err := s.Retry(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("outbox %d is %s: %w", id, status, ErrNotDead)
	}
	return audit.Record(ctx, s.DB, audit.Entry{At: s.Now(), ActorID: u.ID, Action: string(auth.ManageOutbox) + ".retry",
		SubjectType: "outbox", SubjectID: id})
}

// Mask hides the middle of an address: "bu***@gmail.com", "+6281****7890".
func Mask(addr string) string {
	if local, domain, ok := strings.Cut(addr, "@"); ok {
		l := []rune(local)
		return string(l[:min(2, len(l))]) + "***@" + domain
	}
	r := []rune(addr)
	switch n := len(r); {
	case n <= 4:
		return strings.Repeat("*", n)
	case n <= 10:
		return string(r[:2]) + strings.Repeat("*", n-4) + string(r[n-2:])
	default:
		return string(r[:5]) + strings.Repeat("*", n-9) + string(r[n-4:])
	}
}

// UnsubscribeTarget reads what an unsubscribe token would turn off, without
// turning it off (the page asks first: mail scanners open links). An
// altered or foreign token is ErrBadToken.
func (s *Store) UnsubscribeTarget(token string) (Kind, Channel, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 4 {
		return "", "", ErrBadToken
	}
	user, err := strconv.ParseInt(parts[0], 10, 64)
	k, c := Kind(parts[1]), Channel(parts[2])
	if _, ok := Info(k); err != nil || !ok || c == Inbox {
		return "", "", ErrBadToken
	}
	// Signing the parts again is the check: the same rule Unsubscribe uses.
	if !hmac.Equal([]byte(s.UnsubscribeToken(user, k, c)), []byte(token)) {
		return "", "", ErrBadToken
	}
	return k, c, nil
}
