package mydata_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestBackgroundExportAndDelete: the export carries the seeker's address
// (street opened: it is theirs), work history, licences and languages;
// deleting the account removes every row of them.
func TestBackgroundExportAndDelete(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, f := setup(t, d)
		ctx := context.Background()
		e, err := a.MyData.Export(ctx, &f.u)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"address", "work_history", "licences", "languages"} {
			if s, ok := e.Section(name); !ok || len(s.Rows) == 0 {
				t.Errorf("section %s is empty", name)
			}
		}
		raw, _ := json.Marshal(e)
		for _, want := range []string{"Jl. Raya Cikande No. 12", "PT Sepatu Nusantara Cikande", `"lancar"`} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("export lacks %q", want)
			}
		}
		if err := a.MyData.Delete(ctx, &f.u, seekerPass); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"seeker_addresses", "seeker_experiences", "seeker_licences", "seeker_languages"} {
			var n int
			if err := d.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` x JOIN seekers s ON s.id = x.seeker_id
				WHERE s.user_id = ?`, f.u.ID).Scan(&n); err != nil || n != 0 {
				t.Errorf("%s: %d rows left after deletion (%v)", table, n, err)
			}
		}
	})
}
