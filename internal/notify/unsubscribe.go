package notify

import (
	"context"
	"crypto/hmac"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/fail"
)

// unsubscribeContext separates these signatures from the box's other hashes.
const unsubscribeContext = "notify.unsubscribe"

// UnsubscribeToken signs (user, kind, channel) so that a link in a message
// can turn that kind off on that channel without a login (RFC 8058).
func (s *Store) UnsubscribeToken(user int64, k Kind, c Channel) string {
	payload := strconv.FormatInt(user, 10) + "." + string(k) + "." + string(c)
	return payload + "." + s.Box.Hash(payload, unsubscribeContext)[:32]
}

// UnsubscribeURL is the absolute one-click link for a message.
func (s *Store) UnsubscribeURL(user int64, k Kind, c Channel) string {
	return s.Absolute("/berhenti?t=" + url.QueryEscape(s.UnsubscribeToken(user, k, c)))
}

// ErrBadToken means an unsubscribe link was altered or is not bursa's.
var ErrBadToken = fail.New(fail.NotFound, "notify: unknown unsubscribe link")

// Unsubscribe turns off what token names. It is idempotent.
func (s *Store) Unsubscribe(ctx context.Context, token string) (Kind, Channel, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 4 {
		return "", "", ErrBadToken
	}
	payload := strings.Join(parts[:3], ".")
	want := s.Box.Hash(payload, unsubscribeContext)[:32]
	if !hmac.Equal([]byte(want), []byte(parts[3])) {
		return "", "", ErrBadToken
	}
	user, err := strconv.ParseInt(parts[0], 10, 64)
	k, c := Kind(parts[1]), Channel(parts[2])
	if _, ok := Info(k); err != nil || !ok || c == Inbox {
		return "", "", ErrBadToken
	}
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO notify_prefs (user_id, kind, channel, enabled, changed_at)
		SELECT id, ?, ?, FALSE, ? FROM users WHERE id = ?
		ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = FALSE, changed_at = excluded.changed_at`,
		string(k), string(c), s.Now().UTC(), user); err != nil {
		return "", "", fmt.Errorf("unsubscribe: %w", err)
	}
	return k, c, nil
}
