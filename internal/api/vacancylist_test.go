package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestEncodeVacancyList: the list answer assembled from each row's kept
// item JSON and its employer's responsiveness is, byte for byte, what
// encoding the whole answer at once gives, with and without kept items,
// the second time (from the memos) as the first.
func TestEncodeVacancyList(t *testing.T) {
	share := 40
	items := []vacancy.Vacancy{
		{ID: 7, EmployerID: 1, EmployerName: "PT Baja <Cilegon> & Co", Title: "Operator \"Las\"", KBJI: "7212",
			Region: "3672", Openings: 2, WageMin: 5_000_000, WageMax: 6_000_000, Contract: "pkwt",
			ClosesOn: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Description: "Mengelas pipa.\nShift malam.",
			Status: vacancy.Published, PublishedAt: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC), Skills: []string{"las-smaw"},
			LocalSharePct: &share, Facts: vacancy.Facts{WageUnit: "month", WorkDays: 6, WorksiteName: "PT Pengguna", WorksiteNIB: "1234567890123"},
			UnitWageMin: 5_000_000, UnitWageMax: 6_000_000},
		{ID: 9, EmployerID: 2, EmployerName: "CV Jahit", Title: "Penjahit", Region: "3603", Openings: 1, WageMin: 4_800_000,
			WageMax: 4_800_000, Contract: "harian", Status: vacancy.Published,
			Facts:       vacancy.Facts{WageUnit: "day", WorkDays: 6, AgencyLicence: "LPTKS-1", AgencyLicenceUntil: "2028-01-01"},
			UnitWageMin: 192_000, UnitWageMax: 192_000, AgencyCheck: "sesuai"},
		{ID: 11, EmployerID: 1, EmployerName: "PT Baja <Cilegon> & Co", Title: "Helper", Region: "3672", Status: vacancy.Published},
	}
	badges := map[int64]vacancy.Responsiveness{1: {EmployerID: 1, Applications: 12, Answered: 10, MedianDays: 3, Due: 8, Unanswered: 2, UnansweredPct: 25}}
	want := func(res vacancy.Result) []byte {
		js := make([]VacancyJSON, 0, len(res.Items))
		for _, v := range res.Items {
			j := vacancyJSON(v)
			if r, ok := badges[v.EmployerID]; ok {
				j.Responsiveness = responsivenessJSON(r)
			}
			js = append(js, j)
		}
		out := map[string]any{"items": js, "total": res.Total, "page": res.Page, "per_page": res.PerPage}
		if res.DidYouMean != "" {
			out["did_you_mean"] = res.DidYouMean
		}
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode(out); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	memos := []*vacancy.Memo{{}, nil, {}}
	for _, res := range []vacancy.Result{
		{Items: items, Total: 43, Page: 1, PerPage: 20},
		{Items: items, ItemMemos: memos, Total: 43, Page: 1, PerPage: 20},
		{Items: items, ItemMemos: memos, Total: 43, Page: 1, PerPage: 20}, // from the memos
		{Items: nil, Total: 0, Page: 1, PerPage: 20, DidYouMean: "operator <las>"},
		{Items: items[2:], Total: 21, Page: 2, PerPage: 20},
	} {
		got, err := encodeVacancyList([]byte("left over")[:0], res, badges)
		if err != nil {
			t.Fatal(err)
		}
		if w := want(res); !bytes.Equal(got, w) {
			t.Errorf("assembled:\n%s\nencoded at once:\n%s", got, w)
		}
	}
	if _, ok := memos[0].Load(memoVacancyItem); !ok {
		t.Error("a kept row's item JSON was not kept")
	}
}
