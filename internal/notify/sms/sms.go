// Package sms delivers notify messages through an SMS gateway reached by a
// small JSON webhook. Indonesian gateways (and the operators' own) each
// have their own API, so bursa speaks one documented request and a thin
// adapter in front of the gateway translates it (docs/notifications.md):
//
//	POST <url>
//	Authorization: Bearer <token>        (when a token is set)
//	Content-Type: application/json
//	{"id":"bursa-123","to":"+62812...","text":"...","code":"123456"}
//
// "id" is stable across retries (a gateway may drop a repeat), "code" is
// there only for a one-time code. A 2xx answer means accepted; a 4xx
// (except 408 and 429) means this message can never go; anything else is
// tried again later.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/notify"
)

// MaxText is the longest text sent: two SMS parts of GSM-7 text (a
// gateway splits and joins them); a text with other characters costs
// more parts, so bursa keeps to title and link.
const MaxText = 320

// Config says where the gateway is.
type Config struct {
	URL   string
	Token string
	// Client is the HTTP client (default: 20 s timeout).
	Client *http.Client
}

// Sender sends notify messages by SMS. It is safe for concurrent use.
type Sender struct{ cfg Config }

// New checks cfg.
func New(cfg Config) (*Sender, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("sms: --sms-url must be an http:// or https:// URL")
	}
	if cfg.Client == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		cfg.Client = &http.Client{Timeout: 20 * time.Second, Transport: t}
	}
	return &Sender{cfg: cfg}, nil
}

// Request is the webhook's body.
type Request struct {
	ID   string `json:"id"`
	To   string `json:"to"`
	Text string `json:"text"`
	Code string `json:"code,omitempty"`
}

// Build makes the request for m.
func Build(m notify.Message) (Request, error) {
	phone, ok := auth.NormalizePhone(m.To)
	if !ok {
		return Request{}, fmt.Errorf("sms: %q is not a mobile number", m.To)
	}
	return Request{ID: fmt.Sprintf("bursa-%d", m.ID), To: phone, Text: Text(m), Code: m.Code}, nil
}

// Text is what the SMS says: for a code the message's text (which names
// the code), else the title and the link; at most MaxText characters.
func Text(m notify.Message) string {
	if m.Code != "" {
		t := m.Text
		if !strings.Contains(t, m.Code) {
			t = m.Subject + ": " + m.Code
		}
		return cut(oneLine(t), MaxText)
	}
	title := oneLine(m.Subject)
	if m.URL == "" || utf8.RuneCountInString(m.URL) > MaxText/2 {
		return cut(title, MaxText)
	}
	// The link whole (a cut link leads nowhere), the title in what is left.
	return cut(title, MaxText-1-utf8.RuneCountInString(m.URL)) + " " + m.URL
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}

// Send delivers m.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	body, err := Build(m)
	if err != nil {
		return notify.Permanent(err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return notify.Permanent(fmt.Errorf("sms: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL, bytes.NewReader(b))
	if err != nil {
		return notify.Permanent(fmt.Errorf("sms: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	if s.cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.cfg.Token)
	}
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode/100 == 2 {
		return nil
	}
	msg := strings.TrimSpace(string(answer))
	if len(msg) > 200 {
		msg = msg[:200]
	}
	err = fmt.Errorf("sms: gateway answered %s: %s", resp.Status, msg)
	if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return notify.Permanent(err)
	}
	return err
}
