// Package whatsapp delivers notify messages through the WhatsApp Business
// Cloud API as template messages: outside a conversation the person opened
// in the last 24 hours, WhatsApp lets a business send only templates Meta
// approved beforehand (docs/notifications.md lists the two to register).
package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/notify"
)

// DefaultURL is the Graph API with the version bursa was written against.
const DefaultURL = "https://graph.facebook.com/v21.0"

// The templates bursa sends; each must be approved in the WhatsApp Business
// Manager in Indonesian (id) and English (en).
const (
	// NoticeTemplate (category utility) has a body with three parameters:
	// {{1}} the title, {{2}} the text, {{3}} the link.
	NoticeTemplate = "bursa_kabar"
	// CodeTemplate (category authentication, copy-code button) carries a
	// one-time code: WhatsApp writes the text itself.
	CodeTemplate = "bursa_kode"
)

// Limits of a template parameter: the body of a template is at most 1024
// characters, so the text gets what the title and link leave.
const (
	maxTitle = 120
	maxText  = 600
)

// Config says how to reach the Cloud API.
type Config struct {
	// URL is the Graph API base with its version (DefaultURL).
	URL string
	// PhoneID is the WhatsApp Business phone number id messages come from.
	PhoneID string
	// Token is a system user's access token with whatsapp_business_messaging.
	Token string
	// Client is the HTTP client (default: 20 s timeout, connections kept).
	Client *http.Client
}

// Sender sends notify messages by WhatsApp. It is safe for concurrent use.
type Sender struct {
	cfg      Config
	endpoint string
}

// New checks cfg.
func New(cfg Config) (*Sender, error) {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if cfg.PhoneID == "" || cfg.Token == "" {
		return nil, errors.New("whatsapp: the phone number id and the token are both needed")
	}
	if cfg.Client == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		cfg.Client = &http.Client{Timeout: 20 * time.Second, Transport: t}
	}
	return &Sender{cfg: cfg, endpoint: strings.TrimSuffix(cfg.URL, "/") + "/" + cfg.PhoneID + "/messages"}, nil
}

// Request is the body of a send (exported for tests and docs).
type Request struct {
	Product       string   `json:"messaging_product"`
	RecipientType string   `json:"recipient_type"`
	To            string   `json:"to"`
	Type          string   `json:"type"`
	Template      Template `json:"template"`
}

// Template names a template and fills it.
type Template struct {
	Name       string      `json:"name"`
	Language   Language    `json:"language"`
	Components []Component `json:"components"`
}

// Language is a template's language.
type Language struct {
	Code string `json:"code"`
}

// Component fills one part of a template.
type Component struct {
	Type       string      `json:"type"`
	SubType    string      `json:"sub_type,omitempty"`
	Index      string      `json:"index,omitempty"`
	Parameters []Parameter `json:"parameters"`
}

// Parameter is one value.
type Parameter struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Build makes the request for m.
func Build(m notify.Message) (Request, error) {
	phone, ok := auth.NormalizePhone(m.To)
	if !ok {
		return Request{}, fmt.Errorf("whatsapp: %q is not a mobile number", m.To)
	}
	r := Request{Product: "whatsapp", RecipientType: "individual", To: strings.TrimPrefix(phone, "+"), Type: "template"}
	lang := i18n.Lang(m.Lang)
	if m.Code != "" {
		// An authentication template takes the code twice: in the body and
		// as the copy-code button's parameter.
		code := []Parameter{{Type: "text", Text: m.Code}}
		r.Template = Template{Name: CodeTemplate, Language: Language{lang}, Components: []Component{
			{Type: "body", Parameters: code},
			{Type: "button", SubType: "url", Index: "0", Parameters: code},
		}}
		return r, nil
	}
	text := m.Text
	if text == "" {
		text = "-" // a parameter may not be empty
	}
	link := m.URL
	if link == "" {
		link = "-"
	}
	r.Template = Template{Name: NoticeTemplate, Language: Language{lang}, Components: []Component{{Type: "body", Parameters: []Parameter{
		{Type: "text", Text: param(m.Subject, maxTitle)},
		{Type: "text", Text: param(text, maxText)},
		{Type: "text", Text: param(link, 400)},
	}}}}
	return r, nil
}

// param makes s a valid template parameter: WhatsApp refuses new lines,
// tabs and more than four spaces in a row, and long ones; cut at n runes.
func param(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	return strings.TrimSpace(string(r)) + "…"
}

// Send delivers m.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	body, err := Build(m)
	if err != nil {
		return notify.Permanent(err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return notify.Permanent(fmt.Errorf("whatsapp: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.endpoint, bytes.NewReader(b))
	if err != nil {
		return notify.Permanent(fmt.Errorf("whatsapp: %w", err))
	}
	req.Header.Set("Authorization", "Bearer "+s.cfg.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("whatsapp: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return nil
	}
	return classify(resp.StatusCode, answer)
}

// apiError is the Graph API's error answer.
type apiError struct {
	Error struct {
		Message   string `json:"message"`
		Code      int    `json:"code"`
		ErrorData struct {
			Details string `json:"details"`
		} `json:"error_data"`
	} `json:"error"`
}

// permanentCodes are Cloud API error codes no retry can fix: the recipient
// cannot get WhatsApp messages, or the template or its parameters are
// wrong (which needs a change in bursa or in the Business Manager).
var permanentCodes = []int{
	100,    // invalid parameter
	131008, // required parameter missing
	131009, // parameter value invalid
	131021, // recipient cannot be the sender
	131026, // message undeliverable (not on WhatsApp, old app, terms not accepted)
	131030, // recipient not in the allowed list (a test number)
	131051, // unsupported message type
	132000, // template parameter count mismatch
	132001, // template does not exist in this language
	132005, // translated text too long
	132007, // template format character policy violated
	132012, // parameter format mismatch
	132015, // template paused for low quality
	132016, // template disabled
}

// classify turns an error answer into an error: a 4xx whose code says the
// recipient or the template is wrong is permanent; 429, 5xx, and 4xx about
// bursa's own account (an expired token, a rate limit, a locked account)
// are retried, so that messages wait for the operator's fix.
func classify(status int, answer []byte) error {
	var e apiError
	_ = json.Unmarshal(answer, &e)
	msg := e.Error.Message
	if e.Error.ErrorData.Details != "" {
		msg += ": " + e.Error.ErrorData.Details
	}
	if msg == "" {
		msg = strings.TrimSpace(string(answer))
		if len(msg) > 200 {
			msg = msg[:200]
		}
	}
	err := fmt.Errorf("whatsapp: HTTP %d, code %s: %s", status, strconv.Itoa(e.Error.Code), msg)
	if status >= 400 && status < 500 && status != http.StatusTooManyRequests && slices.Contains(permanentCodes, e.Error.Code) {
		return notify.Permanent(err)
	}
	return err
}
