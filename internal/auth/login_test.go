package auth

import (
	"context"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"081234567890", "+6281234567890", true},
		{"0812-3456-7890", "+6281234567890", true},
		{"+62 812 3456 7890", "+6281234567890", true},
		{"6281234567890", "+6281234567890", true},
		{"81234567890", "+6281234567890", true},
		{"(0812) 345.678", "+62812345678", true},
		{"0856123456789", "+62856123456789", true},
		{"0254123456", "", false},      // landline (Serang area code)
		{"0812345", "", false},         // too short
		{"08123456789012", "", false},  // too long
		{"0812abc34567", "", false},    // letters
		{"+1 812 345 6789", "", false}, // not Indonesian
		{"", "", false},
		{"62+81234567890", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizePhone(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseLogin(t *testing.T) {
	tests := []struct {
		in  string
		key string
		ok  bool
	}{
		{"Pencari@Bursa.Test ", "pencari@bursa.test", true},
		{"0812 3456 7890", "+6281234567890", true},
		{"a@b", "", false},
		{"Budi <budi@x.id>", "", false},
		{"budi@@x.id", "", false},
	}
	for _, tt := range tests {
		l, ok := ParseLogin(tt.in)
		if ok != tt.ok || (ok && l.Key() != tt.key) {
			t.Errorf("ParseLogin(%q) = %q, %v; want %q, %v", tt.in, l.Key(), ok, tt.key, tt.ok)
		}
	}
}

func TestPasswords(t *testing.T) {
	p := NewPasswords(1024, 1, 1, 2)
	ctx := context.Background()
	h, err := p.Hash(ctx, "rahasia-kuat")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Verify(ctx, h, "rahasia-kuat"); !ok || err != nil {
		t.Fatalf("right password: %v, %v", ok, err)
	}
	if ok, _ := p.Verify(ctx, h, "salah"); ok {
		t.Fatal("wrong password accepted")
	}
	if ok, _ := p.Verify(ctx, NoLogin, ""); ok {
		t.Fatal("NoLogin verified")
	}
	if _, err := p.Verify(ctx, "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", "x"); err == nil {
		t.Fatal("absurd cost accepted")
	}
}
