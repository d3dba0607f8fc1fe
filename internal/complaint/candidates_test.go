package complaint_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestCandidates: the registry form offers every holder of the role,
// registered or not, and nobody else.
func TestCandidates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		reg := e.officer("Pengawas Terdaftar", "pengawas", false, 0, "3604")
		fresh := e.user("Pengawas Baru", auth.Pengawas)
		e.user("Mediator Saja", auth.Mediator)
		got, err := e.s.Candidates(e.ctx, "pengawas")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].UserID != fresh.ID || got[1].UserID != reg.ID || got[0].Kind != "pengawas" || got[0].Login == "" {
			t.Fatalf("candidates %+v", got)
		}
	})
}
