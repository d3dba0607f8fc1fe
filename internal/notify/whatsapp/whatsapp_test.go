package whatsapp_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/whatsapp"
)

// api is a stand-in Cloud API that checks every request and answers what
// the test says.
type api struct {
	t      *testing.T
	mu     sync.Mutex
	got    []map[string]any
	status int
	answer string
}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v21.0/1098765/messages" {
		a.t.Errorf("%s %s, want POST /v21.0/1098765/messages", r.Method, r.URL.Path)
	}
	if r.Header.Get("Authorization") != "Bearer EAAtoken" || r.Header.Get("Content-Type") != "application/json" {
		a.t.Errorf("Authorization %q Content-Type %q", r.Header.Get("Authorization"), r.Header.Get("Content-Type"))
	}
	b, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(b, &body); err != nil {
		a.t.Errorf("body %s: %v", b, err)
	}
	a.mu.Lock()
	a.got = append(a.got, body)
	status, answer := a.status, a.answer
	a.mu.Unlock()
	if status == 0 {
		status, answer = 200, `{"messaging_product":"whatsapp","contacts":[{"input":"6281234567890","wa_id":"6281234567890"}],"messages":[{"id":"wamid.X"}]}`
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, answer)
}

func setup(t *testing.T) (*api, *whatsapp.Sender) {
	a := &api{t: t}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	s, err := whatsapp.New(whatsapp.Config{URL: srv.URL + "/v21.0/", PhoneID: "1098765", Token: "EAAtoken"})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func decode(t *testing.T, s string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNoticeTemplate(t *testing.T) {
	a, s := setup(t)
	err := s.Send(context.Background(), notify.Message{ID: 9, Channel: notify.WhatsApp, Kind: notify.Application, To: "+6281234567890", Lang: "id",
		Subject: "Lamaran Anda diterima", Text: "Datang Senin\n\npukul 08.00,\tbawa KTP.", URL: "https://bursa.test/lamaran/7"})
	if err != nil {
		t.Fatal(err)
	}
	want := decode(t, `{"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890","type":"template",
		"template":{"name":"bursa_kabar","language":{"code":"id"},"components":[{"type":"body","parameters":[
		{"type":"text","text":"Lamaran Anda diterima"},{"type":"text","text":"Datang Senin pukul 08.00, bawa KTP."},
		{"type":"text","text":"https://bursa.test/lamaran/7"}]}]}}`)
	if len(a.got) != 1 || !reflect.DeepEqual(a.got[0], want) {
		t.Errorf("sent %v\nwant %v", a.got, want)
	}
}

func TestCodeTemplate(t *testing.T) {
	a, s := setup(t)
	err := s.Send(context.Background(), notify.Message{ID: 3, Channel: notify.WhatsApp, Kind: notify.Account, To: "0812-3456-7890", Lang: "en",
		Subject: "Your bursa code", Text: "Your code is 482913", Code: "482913"})
	if err != nil {
		t.Fatal(err)
	}
	want := decode(t, `{"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890","type":"template",
		"template":{"name":"bursa_kode","language":{"code":"en"},"components":[
		{"type":"body","parameters":[{"type":"text","text":"482913"}]},
		{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"482913"}]}]}}`)
	if len(a.got) != 1 || !reflect.DeepEqual(a.got[0], want) {
		t.Errorf("sent %v\nwant %v", a.got, want)
	}
}

func TestLongTextTrimmed(t *testing.T) {
	r, err := whatsapp.Build(notify.Message{To: "+6281234567890", Subject: strings.Repeat("Judul ", 60), Text: strings.Repeat("kata ", 400)})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Template.Components[0].Parameters
	total := 0
	for _, x := range p {
		total += utf8.RuneCountInString(x.Text)
		if x.Text == "" {
			t.Error("an empty parameter")
		}
	}
	if !strings.HasSuffix(p[1].Text, "…") || total > 1024-50 {
		t.Errorf("parameters of %d characters: %q", total, p[1].Text)
	}
	if p[2].Text != "-" {
		t.Errorf("missing link sent as %q", p[2].Text)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name      string
		status    int
		answer    string
		permanent bool
	}{
		{"not on WhatsApp", 400, `{"error":{"message":"Message undeliverable","type":"OAuthException","code":131026,"error_data":{"messaging_product":"whatsapp","details":"Receiver is incapable of receiving this message"}}}`, true},
		{"unknown template", 404, `{"error":{"message":"(#132001) Template name does not exist in the translation","code":132001}}`, true},
		{"rate limited", 429, `{"error":{"message":"(#130429) Rate limit hit","code":130429}}`, false},
		{"token expired", 401, `{"error":{"message":"Error validating access token","type":"OAuthException","code":190}}`, false},
		{"server", 500, `{"error":{"message":"Something went wrong","code":131000}}`, false},
		{"unreadable", 502, `<html>Bad Gateway</html>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, s := setup(t)
			a.status, a.answer = c.status, c.answer
			err := s.Send(context.Background(), notify.Message{ID: 1, To: "+6281234567890", Subject: "x", Text: "y"})
			if err == nil || notify.IsPermanent(err) != c.permanent {
				t.Errorf("err %v, permanent %v, want %v", err, notify.IsPermanent(err), c.permanent)
			}
		})
	}
	// A number that is not a mobile never reaches the API.
	a, s := setup(t)
	if err := s.Send(context.Background(), notify.Message{ID: 1, To: "021-555-1234", Subject: "x"}); !notify.IsPermanent(err) {
		t.Errorf("landline: %v, want permanent", err)
	}
	if len(a.got) != 0 {
		t.Error("a landline went to the API")
	}
	// The network failing is retried.
	s2, _ := whatsapp.New(whatsapp.Config{URL: "http://127.0.0.1:1", PhoneID: "1", Token: "t"})
	if err := s2.Send(context.Background(), notify.Message{ID: 1, To: "+6281234567890", Subject: "x"}); err == nil || notify.IsPermanent(err) {
		t.Errorf("no server: %v, want a temporary error", err)
	}
	if _, err := whatsapp.New(whatsapp.Config{PhoneID: "1"}); err == nil {
		t.Error("New without a token accepted")
	}
}
