package umkm

// Classes of business size (PP 7/2021 art. 35). Besar is every business
// above the menengah thresholds: not a UMKM, kept in the registry so a
// business that grows out of the classes is still counted as having moved
// up.
const (
	Mikro    = "mikro"
	Kecil    = "kecil"
	Menengah = "menengah"
	Besar    = "besar"
)

// Classes in rank order, smallest first.
var Classes = []string{Mikro, Kecil, Menengah, Besar}

// Thresholds of PP 7/2021 art. 35(3) (business capital, excluding land and
// the buildings of the business premises) and art. 35(5) (annual sales), in
// rupiah. Each is the highest amount of its class: "sampai dengan paling
// banyak", so exactly Rp 1,000,000,000 of capital is still micro.
const (
	MikroCapitalMax    int64 = 1_000_000_000
	KecilCapitalMax    int64 = 5_000_000_000
	MenengahCapitalMax int64 = 10_000_000_000
	MikroSalesMax      int64 = 2_000_000_000
	KecilSalesMax      int64 = 15_000_000_000
	MenengahSalesMax   int64 = 50_000_000_000
)

// Basis names the criterion that decided a class.
type Basis string

// The two criteria of art. 35(1).
const (
	BasisCapital Basis = "modal"
	BasisSales   Basis = "penjualan"
)

// Rank is a class's position, 0 for mikro; -1 for an unknown class.
func Rank(class string) int {
	for i, c := range Classes {
		if c == class {
			return i
		}
	}
	return -1
}

func byThresholds(v, mikro, kecil, menengah int64) string {
	switch {
	case v <= mikro:
		return Mikro
	case v <= kecil:
		return Kecil
	case v <= menengah:
		return Menengah
	default:
		return Besar
	}
}

// ByCapital is the class by business capital alone (art. 35(3)).
func ByCapital(capital int64) string {
	return byThresholds(capital, MikroCapitalMax, KecilCapitalMax, MenengahCapitalMax)
}

// BySales is the class by annual sales alone (art. 35(5)).
func BySales(sales int64) string {
	return byThresholds(sales, MikroSalesMax, KecilSalesMax, MenengahSalesMax)
}

// Classify is bursa's reading of PP 7/2021 art. 35 for a business with
// the given capital and annual sales (docs/decisions.md, "UMKM class"):
//
//   - Art. 35(2) limits the capital criterion to founding or registering a
//     business. A business with no sales yet (annual sales 0: it has not
//     run a year) is classed by capital.
//   - Art. 35(4) uses annual sales for the ease, protection and
//     empowerment the regulation grants, which is what bursa's registry and
//     assistance programs are; and businesses running before the regulation
//     are classed by sales. A business that declares a year's sales is
//     classed by sales alone, whatever its capital.
//
// So the two criteria never compete: one of them decides, and a business
// meeting only the capital criterion of a higher class does not move up
// once it has sales.
func Classify(capital, annualSales int64) (string, Basis) {
	if annualSales > 0 {
		return BySales(annualSales), BasisSales
	}
	return ByCapital(capital), BasisCapital
}
