package demo

// Names common in Banten (Sundanese, Javanese-Bantenese and Islamic given
// names) and family names in everyday use. Indonesians often go by one or two
// names; the generator combines them into plausible full names.
var (
	maleNames = []string{"Ahmad", "Asep", "Ujang", "Dede", "Agus", "Budi", "Hendra", "Rohmat", "Ade", "Fajar",
		"Rizki", "Dimas", "Iwan", "Jajang", "Dadan", "Yusuf", "Muhammad", "Andi", "Eko", "Hasan", "Ilham",
		"Rudi", "Wahyu", "Saepul", "Encep", "Ikhsan", "Deni", "Arif", "Sutisna", "Maman", "Yayan", "Aldi",
		"Rahmat", "Firman", "Gilang", "Bayu", "Taufik", "Hadi", "Nanang", "Uus"}
	femaleNames = []string{"Siti", "Euis", "Neneng", "Rina", "Yuli", "Dewi", "Iis", "Nurhayati", "Eka", "Putri",
		"Ayu", "Fitri", "Lilis", "Imas", "Nining", "Rani", "Sri", "Wulan", "Yanti", "Nur", "Dian", "Tati",
		"Ani", "Ratna", "Susi", "Mega", "Intan", "Aisyah", "Nabila", "Kartini", "Lina", "Heni", "Ela", "Rosita"}
	familyNames = []string{"Hidayat", "Saputra", "Suryana", "Maulana", "Kurniawan", "Rahmawati", "Permana", "Nugraha",
		"Setiawan", "Wahyudi", "Fitriani", "Susanti", "Hermawan", "Sulaiman", "Firmansyah", "Ramdani", "Gunawan",
		"Hakim", "Mulyana", "Sopian", "Rohimah", "Kusnadi", "Jaelani", "Syarifudin", "Anwar", "Hasanah", "Lestari",
		"Pratama", "Wijaya", "Santoso", "Ningsih", "Rosidi", "Sumarna", "Fauzi", "Muhidin", "Safitri"}
	companyWords = map[string][]string{
		"steel":     {"Baja", "Logam", "Besi", "Metalindo"},
		"chemical":  {"Kimia", "Petrokimia", "Polimer", "Resin"},
		"footwear":  {"Sepatu", "Alas Kaki", "Footwear"},
		"paper":     {"Kertas", "Pulp", "Karton"},
		"garment":   {"Garmen", "Tekstil", "Busana"},
		"factory":   {"Manufaktur", "Elektrik", "Plastik", "Komponen", "Industri"},
		"logistics": {"Logistik", "Ekspedisi", "Pergudangan", "Kargo"},
		"retail":    {"Ritel", "Swalayan", "Niaga", "Mart"},
		"services":  {"Teknologi", "Solusi", "Layanan", "Digital", "Klinik", "Kuliner"},
		"agri":      {"Agro", "Tani", "Perkebunan", "Ternak"},
		"fishery":   {"Perikanan", "Bahari", "Mina"},
		"tourism":   {"Wisata", "Resort", "Pantai", "Hotel"},
	}
	companyTail = []string{"Mandiri", "Sejahtera", "Nusantara", "Jaya", "Abadi", "Utama", "Makmur", "Persada", "Sentosa", "Lestari", "Prima", "Indah"}
)
