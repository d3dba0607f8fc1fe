package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
)

// seekerBackgrounds gives the demo seeker, and about a third of the other
// seekers, an address, work history, driving licences and languages. It
// runs after the rest of the province, with its own random source, so the
// rest stays what it was before backgrounds existed.
func (g *gen) seekerBackgrounds(demoSeeker int64) error {
	rng := rand.New(rand.NewPCG(uint64(g.nextSeeker), 0x6c6174617262))
	addr := db.NewBulk(g.tx, "seeker_addresses", "seeker_id", "district", "village", "street_enc", "updated_at")
	exps := db.NewBulk(g.tx, "seeker_experiences", "seeker_id", "employer", "title", "occupation", "from_month", "to_month", "description")
	lics := db.NewBulk(g.tx, "seeker_licences", "seeker_id", "class", "expires_on")
	langs := db.NewBulk(g.tx, "seeker_languages", "seeker_id", "lang", "level")
	box := g.a.Seekers.Box
	month := func(monthsAgo int) string { return g.today.AddDate(0, -monthsAgo, 0).Format("2006-01") }

	// Siti Nurhayati lives in Cikande, Kab. Serang, near the shoe factories.
	var cikande ref.District
	for _, d := range ref.Districts("3604") {
		if d.Name == "Cikande" {
			cikande = d
		}
	}
	if cikande.Code == "" {
		return fmt.Errorf("demo: no Kec. Cikande in the wilayah data")
	}
	vs := ref.Villages(cikande.Code)
	if err := addr.Add(g.ctx, demoSeeker, cikande.Code, vs[0].Code, box.Seal([]byte("Jl. Raya Cikande No. 12, RT 003/RW 002"), "seeker.street"), g.now); err != nil {
		return err
	}
	for _, e := range [][]string{
		{"PT Sepatu Nusantara Cikande", "Operator jahit sepatu", "8153", month(40), month(16), "Menjahit bagian atas sepatu olahraga, target 300 pasang per hari."},
		{"Konveksi Bu Ratna, Serang", "Penjahit", "7533", month(60), month(41), "Menjahit seragam sekolah dan kemeja."},
	} {
		if err := exps.Add(g.ctx, demoSeeker, e[0], e[1], e[2], e[3], e[4], e[5]); err != nil {
			return err
		}
	}
	if err := lics.Add(g.ctx, demoSeeker, "C", g.today.AddDate(3, 2, 0).Format("2006-01-02")); err != nil {
		return err
	}
	for _, l := range [][2]string{{"id", "lancar"}, {"jv", "lancar"}, {"en", "dasar"}} {
		if err := langs.Add(g.ctx, demoSeeker, l[0], l[1]); err != nil {
			return err
		}
	}

	rows, err := g.tx.QueryContext(g.ctx, `SELECT id, domicile_region, occupation FROM seekers WHERE id <> ? ORDER BY id`, demoSeeker)
	if err != nil {
		return err
	}
	type sk struct {
		id       int64
		reg, occ string
	}
	var all []sk
	for rows.Next() {
		var s sk
		if err := rows.Scan(&s.id, &s.reg, &s.occ); err != nil {
			rows.Close()
			return err
		}
		all = append(all, s)
	}
	rows.Close()
	employers := []string{"PT Indah Kiat", "PT Krakatau Steel", "PT Nikomas Gemilang", "CV Maju Jaya", "Toko Sumber Rezeki",
		"PT Parkland World", "PT Chandra Asri", "Rumah Makan Sederhana", "PT Mayora Indah", "Koperasi Karyawan"}
	for _, s := range all {
		if rng.IntN(3) != 0 {
			continue
		}
		if ds := ref.Districts(s.reg); len(ds) > 0 {
			d := ds[rng.IntN(len(ds))]
			village := ""
			if v := ref.Villages(d.Code); len(v) > 0 {
				village = v[rng.IntN(len(v))].Code
			}
			if err := addr.Add(g.ctx, s.id, d.Code, village, nil, g.now); err != nil {
				return err
			}
		}
		if s.occ != "" {
			o, _ := ref.OccupationByCode(s.occ)
			from := 6 + rng.IntN(60)
			to := ""
			if rng.IntN(3) > 0 {
				to = month(rng.IntN(from))
			}
			if err := exps.Add(g.ctx, s.id, employers[rng.IntN(len(employers))], o.Title, s.occ, month(from), to, ""); err != nil {
				return err
			}
		}
		if rng.IntN(5) < 2 {
			if err := lics.Add(g.ctx, s.id, "C", ""); err != nil {
				return err
			}
		}
		if rng.IntN(7) == 0 {
			if err := lics.Add(g.ctx, s.id, "A", g.today.AddDate(1+rng.IntN(4), 0, 0).Format("2006-01-02")); err != nil {
				return err
			}
		}
		if err := langs.Add(g.ctx, s.id, "id", "lancar"); err != nil {
			return err
		}
		// Sunda in the south and west, Jawa (Banten) around Serang and Cilegon.
		local := "su"
		if s.reg == "3604" || s.reg == "3672" || s.reg == "3673" {
			local = "jv"
		}
		if rng.IntN(2) == 0 {
			if err := langs.Add(g.ctx, s.id, local, "lancar"); err != nil {
				return err
			}
		}
		if rng.IntN(4) == 0 {
			if err := langs.Add(g.ctx, s.id, "en", ref.LanguageLevels[rng.IntN(3)]); err != nil {
				return err
			}
		}
	}
	for _, b := range []*db.Bulk{addr, exps, lics, langs} {
		if err := b.Flush(g.ctx); err != nil {
			return err
		}
	}
	return nil
}
