package notify

import (
	"net/url"
	"testing"

	"github.com/bursa-banten/bursa/internal/auth"
)

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"sitiaminah@example.id": "si***@example.id",
		"a@b.id":                "a***@b.id",
		"+6281234567890":        "+6281*****7890",
		"0812345":               "08***45",
		"123":                   "***",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFormInput: an unticked box on a usable channel is "off", a channel
// the page showed disabled says nothing, and values the page never offers
// are kept so that validation refuses them.
func TestFormInput(t *testing.T) {
	v := SettingsView{Settings: Settings{Kinds: []Kind{Application, Training}},
		Channels: []ChannelState{{Channel: Email, Address: "a@b.id", Verified: true}, {Channel: WhatsApp, Address: "+6281", Verified: false}, {Channel: SMS}}}
	in := FormInput(v, url.Values{"pilih": {"lamaran:email", "gosip:email"}, "izin": {"sms"}, "irama.pelamar": {"daily"}})
	got := map[string]bool{}
	for _, c := range in.Choices {
		got[c.Kind+":"+c.Channel] = c.On
	}
	want := map[string]bool{"lamaran:email": true, "pelatihan:email": false, "gosip:email": true}
	if len(got) != len(want) {
		t.Errorf("choices = %v, want %v", got, want)
	}
	for k, on := range want {
		if g, ok := got[k]; !ok || g != on {
			t.Errorf("choice %s = %v (%v), want %v", k, g, ok, on)
		}
	}
	if len(in.Consent) != 2 || in.Consent["email"] || !in.Consent["sms"] {
		t.Errorf("consent = %v, want email off (unticked, usable) and sms as posted", in.Consent)
	}
	if in.Cadence["pelamar"] != "daily" {
		t.Errorf("cadence = %v", in.Cadence)
	}
	seeker := &auth.User{Roles: []auth.Role{auth.Pencari}}
	if _, _, _, err := validate(seeker, in); err == nil {
		t.Error("a forged kind and a cadence not for a seeker passed validation")
	}
	ok := FormInput(v, url.Values{"pilih": {"lamaran:email"}, "izin": {"email"}})
	if _, _, _, err := validate(seeker, ok); err != nil {
		t.Errorf("a form as the page offers it: %v", err)
	}
}
