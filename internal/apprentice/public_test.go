package apprentice

import "testing"

// TestPublicCounts: no published count can be worked out to a small one,
// knowing that running + completed + dropped (the seats taken) is public.
func TestPublicCounts(t *testing.T) {
	for _, tt := range []struct {
		run, done, dropped, hired int
		want                      string // running completed dropped hired as shown
	}{
		{0, 0, 0, 0, "0 0 0 0"},
		{0, 3, 0, 1, "– <5 – <5"},   // three taken in all: everything goes
		{0, 12, 0, 12, "0 12 0 12"}, // nothing small
		{0, 10, 2, 8, "0 – <5 –"},   // 2 dropped: completed would give it back
		{5, 10, 2, 8, "– 10 <5 8"},  // people running cover it
		{0, 12, 0, 9, "0 12 0 –"},   // 3 ended without a job: hired would give it back
		{6, 7, 8, 3, "6 7 8 <5"},    // a small hired count alone
	} {
		r, c, d, h := Public(tt.run, tt.done, tt.dropped, tt.hired)
		if got := r.Shown() + " " + c.Shown() + " " + d.Shown() + " " + h.Shown(); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt, got, tt.want)
		}
	}
}
