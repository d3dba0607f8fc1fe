package umkm_test

import (
	"testing"

	"github.com/bursa-banten/bursa/internal/umkm"
)

// TestClassBoundaries walks every threshold of PP 7/2021 art. 35(3) and
// (5): each is the highest amount of its class ("paling banyak"), one
// rupiah more is the next class.
func TestClassBoundaries(t *testing.T) {
	for _, tt := range []struct {
		v       int64
		capital string
		bySales string
	}{
		{0, umkm.Mikro, umkm.Mikro},
		{1, umkm.Mikro, umkm.Mikro},
		{999_999_999, umkm.Mikro, umkm.Mikro},
		{1_000_000_000, umkm.Mikro, umkm.Mikro},
		{1_000_000_001, umkm.Kecil, umkm.Mikro},
		{2_000_000_000, umkm.Kecil, umkm.Mikro},
		{2_000_000_001, umkm.Kecil, umkm.Kecil},
		{5_000_000_000, umkm.Kecil, umkm.Kecil},
		{5_000_000_001, umkm.Menengah, umkm.Kecil},
		{10_000_000_000, umkm.Menengah, umkm.Kecil},
		{10_000_000_001, umkm.Besar, umkm.Kecil},
		{15_000_000_000, umkm.Besar, umkm.Kecil},
		{15_000_000_001, umkm.Besar, umkm.Menengah},
		{50_000_000_000, umkm.Besar, umkm.Menengah},
		{50_000_000_001, umkm.Besar, umkm.Besar},
	} {
		if got := umkm.ByCapital(tt.v); got != tt.capital {
			t.Errorf("ByCapital(%d) = %s, want %s", tt.v, got, tt.capital)
		}
		if got := umkm.BySales(tt.v); got != tt.bySales {
			t.Errorf("BySales(%d) = %s, want %s", tt.v, got, tt.bySales)
		}
	}
}

// TestClassifyMixed is the reading of art. 35 in docs/decisions.md: with
// no sales yet the capital decides (founding/registration, art. 35(2));
// once a year's sales are declared, the sales decide alone (art. 35(4)),
// whichever of the two points higher.
func TestClassifyMixed(t *testing.T) {
	for _, tt := range []struct {
		capital, sales int64
		class          string
		basis          umkm.Basis
	}{
		{500_000_000, 0, umkm.Mikro, umkm.BasisCapital},
		{3_000_000_000, 0, umkm.Kecil, umkm.BasisCapital},
		{12_000_000_000, 0, umkm.Besar, umkm.BasisCapital},
		// Capital of a small business, sales of a micro one: micro.
		{3_000_000_000, 1_500_000_000, umkm.Mikro, umkm.BasisSales},
		// Capital of a micro business, sales of a small one: small.
		{800_000_000, 2_500_000_000, umkm.Kecil, umkm.BasisSales},
		// Capital of a medium business, sales exactly at the micro ceiling.
		{7_000_000_000, 2_000_000_000, umkm.Mikro, umkm.BasisSales},
		{1, 2_000_000_001, umkm.Kecil, umkm.BasisSales},
		{0, 60_000_000_000, umkm.Besar, umkm.BasisSales},
	} {
		class, basis := umkm.Classify(tt.capital, tt.sales)
		if class != tt.class || basis != tt.basis {
			t.Errorf("Classify(%d, %d) = %s by %s, want %s by %s", tt.capital, tt.sales, class, basis, tt.class, tt.basis)
		}
	}
	if umkm.Rank(umkm.Mikro) != 0 || umkm.Rank(umkm.Besar) != 3 || umkm.Rank("raksasa") != -1 {
		t.Error("Rank")
	}
}
