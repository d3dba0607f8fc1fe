package sms_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/sms"
)

type gateway struct {
	t      *testing.T
	token  string
	got    []map[string]any
	status int
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/kirim" || r.Header.Get("Content-Type") != "application/json" {
		g.t.Errorf("%s %s (%s), want POST /kirim JSON", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
	}
	want := ""
	if g.token != "" {
		want = "Bearer " + g.token
	}
	if r.Header.Get("Authorization") != want {
		g.t.Errorf("Authorization %q, want %q", r.Header.Get("Authorization"), want)
	}
	b, _ := io.ReadAll(r.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		g.t.Errorf("body %s: %v", b, err)
	}
	g.got = append(g.got, m)
	if g.status != 0 {
		w.WriteHeader(g.status)
		io.WriteString(w, `{"error":"nope"}`)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func setup(t *testing.T, token string) (*gateway, *sms.Sender) {
	g := &gateway{t: t, token: token}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	s, err := sms.New(sms.Config{URL: srv.URL + "/kirim", Token: token})
	if err != nil {
		t.Fatal(err)
	}
	return g, s
}

func TestNotice(t *testing.T) {
	g, s := setup(t, "rahasia")
	err := s.Send(context.Background(), notify.Message{ID: 123, Channel: notify.SMS, Kind: notify.Application, To: "0812 3456 7890",
		Subject: "Lamaran Anda diterima", Text: "Panjang sekali, tidak masuk SMS.", URL: "https://bursa.test/lamaran/7"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "bursa-123", "to": "+6281234567890", "text": "Lamaran Anda diterima https://bursa.test/lamaran/7"}
	if len(g.got) != 1 || len(g.got[0]) != len(want) {
		t.Fatalf("sent %v, want %v", g.got, want)
	}
	for k, v := range want {
		if g.got[0][k] != v {
			t.Errorf("%s = %v, want %v", k, g.got[0][k], v)
		}
	}
}

func TestCode(t *testing.T) {
	g, s := setup(t, "")
	err := s.Send(context.Background(), notify.Message{ID: 5, Kind: notify.Account, To: "+6281234567890",
		Subject: "Kode bursa", Text: "Kode bursa Anda: 482913. Berlaku 10 menit.\nJangan berikan kepada siapa pun.", Code: "482913"})
	if err != nil {
		t.Fatal(err)
	}
	if g.got[0]["code"] != "482913" || g.got[0]["text"] != "Kode bursa Anda: 482913. Berlaku 10 menit. Jangan berikan kepada siapa pun." {
		t.Errorf("sent %v", g.got[0])
	}
	// A text that does not name the code gets it after the title.
	if got := sms.Text(notify.Message{Subject: "Kode bursa", Text: "Lihat kode.", Code: "111222"}); got != "Kode bursa: 111222" {
		t.Errorf("Text = %q", got)
	}
}

func TestTextShort(t *testing.T) {
	long := strings.Repeat("Lowongan operator produksi ", 30)
	url := "https://bursa.test/lowongan/12345"
	got := sms.Text(notify.Message{Subject: long, URL: url})
	if n := utf8.RuneCountInString(got); n > sms.MaxText || !strings.HasSuffix(got, " "+url) || !strings.Contains(got, "…") {
		t.Errorf("%d characters: %q", n, got)
	}
	got = sms.Text(notify.Message{Subject: long, Code: "1"})
	if utf8.RuneCountInString(got) > sms.MaxText {
		t.Errorf("code text of %d characters", utf8.RuneCountInString(got))
	}
}

func TestErrors(t *testing.T) {
	for status, permanent := range map[int]bool{400: true, 404: true, 422: true, 408: false, 429: false, 500: false, 503: false} {
		g, s := setup(t, "")
		g.status = status
		err := s.Send(context.Background(), notify.Message{ID: 1, To: "+6281234567890", Subject: "x"})
		if err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("HTTP %d: %v (permanent %v), want permanent %v", status, err, notify.IsPermanent(err), permanent)
		}
	}
	g, s := setup(t, "")
	if err := s.Send(context.Background(), notify.Message{ID: 1, To: "bukan nomor", Subject: "x"}); !notify.IsPermanent(err) {
		t.Errorf("bad number: %v, want permanent", err)
	}
	if len(g.got) != 0 {
		t.Error("a bad number reached the gateway")
	}
	s2, _ := sms.New(sms.Config{URL: "http://127.0.0.1:1/kirim"})
	if err := s2.Send(context.Background(), notify.Message{ID: 1, To: "+6281234567890", Subject: "x"}); err == nil || notify.IsPermanent(err) {
		t.Errorf("no gateway: %v, want a temporary error", err)
	}
	for _, bad := range []string{"", "ftp://x/y", "kirim"} {
		if _, err := sms.New(sms.Config{URL: bad}); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}
