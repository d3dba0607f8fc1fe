package demo

// sector is a kind of employer and the jobs it hires for. Occupation codes
// are KBJI 2014 (ISCO-08) unit groups; the generator skips any not in the
// reference list, so the profiles never invent an occupation.
type sector struct {
	key         string
	kbli        string
	occupations []string
	size        []string // size classes it comes in
}

var sectors = map[string]sector{
	"steel":     {"steel", "C", []string{"8121", "7212", "7223", "7412", "7233", "3115", "8344", "3122", "7543", "9329"}, []string{"besar", "menengah"}},
	"chemical":  {"chemical", "C", []string{"8131", "3111", "3116", "7412", "7233", "8344", "7543", "3122", "9329"}, []string{"besar", "menengah"}},
	"footwear":  {"footwear", "C", []string{"8156", "7536", "8153", "7543", "3122", "9329", "4321"}, []string{"besar", "menengah"}},
	"paper":     {"paper", "C", []string{"8171", "8143", "7233", "7412", "8344", "7543", "9329"}, []string{"besar", "menengah"}},
	"garment":   {"garment", "C", []string{"8153", "7533", "7531", "7543", "3122", "9329"}, []string{"besar", "menengah", "kecil"}},
	"factory":   {"factory", "C", []string{"8212", "8219", "8142", "8189", "7543", "3122", "7412", "9329", "4321"}, []string{"besar", "menengah"}},
	"logistics": {"logistics", "H", []string{"4321", "8344", "8332", "8322", "9333", "4323", "1324"}, []string{"besar", "menengah", "kecil"}},
	"retail":    {"retail", "G", []string{"5223", "5230", "4321", "5222", "9334", "5414"}, []string{"besar", "menengah", "kecil"}},
	"services":  {"services", "J", []string{"2512", "3512", "4222", "4110", "3313", "4311", "5414", "9112", "3221", "2431"}, []string{"besar", "menengah", "kecil"}},
	"agri":      {"agri", "A", []string{"6111", "6112", "6121", "9211", "8341", "6122"}, []string{"menengah", "kecil", "mikro"}},
	"fishery":   {"fishery", "A", []string{"6221", "6222", "9216", "7511"}, []string{"kecil", "mikro", "menengah"}},
	"tourism":   {"tourism", "I", []string{"5120", "5131", "4224", "5113", "9112", "5151", "9412"}, []string{"menengah", "kecil"}},
}

// regionSectors says which sectors each regency/city really has (domain.md):
// steel and chemicals in Cilegon; footwear, paper and chemicals in Kab.
// Serang; manufacturing, logistics and retail in Kab. and Kota Tangerang;
// services in Tangerang Selatan; agriculture, fisheries and tourism in Lebak
// and Pandeglang; trade and services in Kota Serang.
var regionSectors = map[string][]string{
	"3672": {"steel", "steel", "chemical", "chemical", "logistics"},
	"3604": {"footwear", "footwear", "paper", "chemical", "garment", "factory"},
	"3603": {"factory", "factory", "logistics", "logistics", "retail", "garment"},
	"3671": {"factory", "logistics", "retail", "retail", "services"},
	"3674": {"services", "services", "services", "retail", "tourism"},
	"3673": {"retail", "services", "logistics", "tourism"},
	"3602": {"agri", "agri", "fishery", "tourism"},
	"3601": {"agri", "fishery", "fishery", "tourism", "tourism"},
}

// employerWeight is each region's share of employers: the industrial belt
// has most of them.
var employerWeight = map[string]int{
	"3603": 24, "3671": 18, "3604": 16, "3672": 12, "3674": 12, "3673": 7, "3602": 5, "3601": 6,
}

// vacancyTitles gives friendlier job titles than the KBJI unit-group names
// for the commonest factory jobs, as employers write them.
var vacancyTitles = map[string][]string{
	"8121": {"Operator Produksi Baja", "Operator Rolling Mill"},
	"7212": {"Welder SMAW/GTAW", "Juru Las"},
	"8131": {"Operator Produksi Kimia", "Operator Plant"},
	"8156": {"Operator Produksi Sepatu", "Operator Mesin Sepatu"},
	"7536": {"Operator Jahit Upper Sepatu"},
	"8153": {"Operator Jahit", "Penjahit Garmen"},
	"8171": {"Operator Mesin Kertas"},
	"8344": {"Operator Forklift"},
	"8332": {"Sopir Truk", "Driver Truk Trailer"},
	"8322": {"Driver Kurir", "Sopir Operasional"},
	"4321": {"Admin Gudang", "Staf Gudang"},
	"9333": {"Helper Gudang", "Petugas Bongkar Muat"},
	"5223": {"Pramuniaga", "Staf Toko"},
	"5230": {"Kasir"},
	"5414": {"Satpam"},
	"9112": {"Petugas Kebersihan"},
	"7543": {"Quality Control", "Staf QC"},
	"8212": {"Operator Perakitan Elektronik"},
	"8219": {"Operator Assembly"},
	"8142": {"Operator Mesin Injeksi Plastik"},
	"9329": {"Operator Produksi", "Helper Produksi"},
	"2512": {"Programmer", "Software Developer"},
	"4222": {"Customer Service", "Agen Call Center"},
	"5120": {"Cook", "Juru Masak"},
	"5131": {"Pramusaji", "Waiter/Waitress"},
}
