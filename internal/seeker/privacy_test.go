package seeker_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// MinNIKCandidates is the requirement of issue 11 (finding 8): what is
// stored in clear about a seeker must leave at least this many NIKs.
const MinNIKCandidates = 10_000

// clearFacts is what a seekers row says of its NIK to someone without the
// key: each field is a constraint on the 16 digits PP KK CC DDMMYY SSSS.
type clearFacts struct {
	region  string    // digits 1–4 (nik_region)
	pattern string    // digits in clear, '*' unknown (a masked NIK column)
	year    int       // birth year (birth_year or birth_date)
	born    time.Time // full birth date (birth_date)
	female  *bool     // day + 40 (female)
}

// Columns of seekers by what they tell of the NIK. A column in none of these
// lists fails the test: say here (and in docs/privacy.md) what it reveals.
var (
	// Sealed or keyed: opaque without the key.
	sealedCols = []string{"nik_enc", "nik_hash", "birth_enc"}
	// Nothing of the NIK. domicile_region is where the seeker lives now, not
	// the NIK's regency; where they agree the NIK's regency is known, which
	// nik_region already tells (and the AK/1 card, auto-issued only when they
	// agree), so the count below takes the regency as known.
	otherCols = []string{"id", "user_id", "full_name", "domicile_region", "education", "experience", "certificates",
		"expected_wage", "discoverable", "placed", "occupation", "contracts", "created_at", "updated_at"}
)

// readClear reads the seekers row id as stored and keeps what bears on the
// NIK. It knows the columns of the old shape too (nik_masked, birth_date),
// so that the count is the same arithmetic before and after migration 0011.
func readClear(t *testing.T, d *db.DB, id int64) clearFacts {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT * FROM seekers WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	names, _ := rows.Columns()
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if !rows.Next() {
		t.Fatalf("seeker %d not found", id)
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	var f clearFacts
	for i, n := range names {
		v := vals[i]
		switch {
		case n == "nik_region":
			f.region = text(v)
		case n == "nik_masked":
			f.pattern = text(v)
		case n == "birth_year":
			f.year, _ = strconv.Atoi(text(v))
		case n == "birth_date":
			switch b := v.(type) {
			case time.Time:
				f.born = b
			default:
				f.born, _ = time.Parse(time.DateOnly, text(v)[:10])
			}
			f.year = f.born.Year()
		case n == "female":
			fem := text(v) == "true" || text(v) == "1"
			f.female = &fem
		case contains(sealedCols, n) || contains(otherCols, n):
		default:
			t.Fatalf("seekers.%s: what does it tell of the NIK? Classify it in this test and in docs/privacy.md", n)
		}
	}
	return f
}

func text(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fits reports whether digits agree with the clear pattern from position at.
func (f clearFacts) fits(digits string, at int) bool {
	if f.pattern == "" {
		return true
	}
	if len(f.pattern) != 16 {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if p := f.pattern[at+i]; p != '*' && p != digits[i] {
			return false
		}
	}
	return true
}

// candidates counts the NIKs consistent with f, segment by segment (every
// constraint is on one segment's digits, so the count is the product):
// regency and kecamatan from the shipped region data, birth dates within the
// ages ParseNIK accepts at now, serials 0001–9999. A regency outside Banten,
// whose kecamatan are not shipped, counts as having one: a lower bound.
func (f clearFacts) candidates(now time.Time) (n int, parts string) {
	places := 0
	for _, r := range ref.Regions() {
		if f.region != "" && r.Code != f.region || !f.fits(r.Code, 0) {
			continue
		}
		for _, d := range ref.Districts(r.Code) {
			if f.fits(d.Code[4:6], 4) {
				places++
			}
		}
	}
	if _, banten := ref.RegionByCode(f.region); f.region != "" && !banten {
		places = 1
	}
	dates := 0
	for y := now.Year() - ref.MaxAge - 1; y <= now.Year()-ref.MinAge; y++ {
		if f.year != 0 && y != f.year {
			continue
		}
		for day := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == y; day = day.AddDate(0, 0, 1) {
			if !f.born.IsZero() && !day.Equal(f.born) {
				continue
			}
			for _, fem := range []bool{false, true} {
				if f.female != nil && *f.female != fem {
					continue
				}
				dd := day.Day()
				if fem {
					dd += 40
				}
				if f.fits(fmt.Sprintf("%02d%02d%02d", dd, int(day.Month()), y%100), 6) {
					dates++
				}
			}
		}
	}
	serials := 0
	for s := 1; s <= 9999; s++ {
		if f.fits(fmt.Sprintf("%04d", s), 12) {
			serials++
		}
	}
	return places * dates * serials, fmt.Sprintf("%d places × %d birth dates × %d serials", places, dates, serials)
}

// consistent reports whether nik itself is among the candidates: the
// constraints read from the row must be true of the real NIK.
func (f clearFacts) consistent(nik ref.NIK) bool {
	return (f.region == "" || f.region == nik.Regency) && f.fits(nik.Number, 0) &&
		(f.year == 0 || f.year == nik.BirthDate.Year()) && (f.born.IsZero() || f.born.Equal(nik.BirthDate)) &&
		(f.female == nil || *f.female == nik.Female)
}

// TestPlaintextLeavesManyNIKs counts, for every seeker of the demo province
// and for one seeker born in each regency and city of Banten, the NIKs
// consistent with what their row holds in clear, and wants at least 10,000.
// Before migration 0011 (first 4 + last 4 digits, the birth date and sex in
// clear) it found one candidate per kecamatan: 29 for Kab. Serang, 6 for
// Kota Serang.
func TestPlaintextLeavesManyNIKs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, clk := apptest.Services(t, d)
		apptest.Demo(t, a)
		for i, r := range ref.Regions() {
			ds := ref.Districts(r.Code)
			day := 15
			if i%2 == 0 {
				day += 40
			}
			nik := fmt.Sprintf("%s%s%02d%02d%02d%04d", r.Code, ds[len(ds)-1].Code[4:6], day, 1+i, 96+i%3, 7+i)
			u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: fmt.Sprintf("08131234%04d", i), Name: "Uji", Password: "rahasia-123",
				Roles: []auth.Role{auth.Pencari}})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := a.Seekers.Register(ctx, d, u.ID, seeker.Input{NIK: nik, Profile: seeker.Profile{FullName: "Uji",
				DomicileRegion: r.Code, Education: "sma"}}); err != nil {
				t.Fatalf("%s: %v", nik, err)
			}
		}
		rows, err := d.QueryContext(ctx, `SELECT id, user_id FROM seekers ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		type pair struct{ id, user int64 }
		var all []pair
		for rows.Next() {
			var p pair
			rows.Scan(&p.id, &p.user)
			all = append(all, p)
		}
		rows.Close()
		if len(all) < 200 {
			t.Fatalf("%d seekers", len(all))
		}
		fewest, which := 0, ""
		for _, p := range all {
			f := readClear(t, d, p.id)
			number, err := a.Seekers.OwnNIK(ctx, p.user)
			if err != nil {
				t.Fatal(err)
			}
			nik, err := ref.ParseNIK(number, clk.T)
			if err != nil {
				t.Fatal(err)
			}
			if !f.consistent(nik) {
				t.Fatalf("seeker %d: the clear columns %+v disagree with the NIK", p.id, f)
			}
			n, parts := f.candidates(clk.T)
			if fewest == 0 || n < fewest {
				fewest, which = n, fmt.Sprintf("seeker %d (NIK of %s): %s", p.id, nik.Regency, parts)
			}
			if n < MinNIKCandidates {
				t.Errorf("seeker %d (NIK of %s): %d candidates (%s), want ≥ %d", p.id, nik.Regency, n, parts, MinNIKCandidates)
			}
		}
		t.Logf("fewest candidates: %d, %s", fewest, which)
	})
}

// TestLastFourDigitsAreTooMany pins why no NIK digit is stored in clear: with
// the regency known (nik_region, and an auto-issued AK/1 card's region), the
// birth year and sex, the last four digits would leave one NIK per
// kecamatan and day of the year, under 10,000 for the four cities (Kota
// Serang: 6 × 365), with or without the sex.
func TestLastFourDigitsAreTooMany(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	female := true
	for _, tc := range []struct {
		f    clearFacts
		want int
	}{
		{clearFacts{region: "3673", pattern: "************0042", year: 1998, female: &female}, 6 * 365},
		{clearFacts{region: "3673", pattern: "************0042", year: 1998}, 6 * 365 * 2},
		{clearFacts{region: "3671", pattern: "************0042", year: 1998}, 13 * 365 * 2},
		{clearFacts{region: "3604", pattern: "************0042", year: 1998, female: &female}, 29 * 365},
		// What is stored: regency, year and sex.
		{clearFacts{region: "3673", year: 1998, female: &female}, 6 * 365 * 9999},
		{clearFacts{region: "3673", year: 1996, female: &female}, 6 * 366 * 9999},
	} {
		if n, parts := tc.f.candidates(now); n != tc.want {
			t.Errorf("%+v: %d (%s), want %d", tc.f, n, parts, tc.want)
		}
	}
}
