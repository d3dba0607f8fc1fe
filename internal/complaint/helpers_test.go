package complaint_test

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/secret"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// env builds the stores a complaint test needs over one database, directly
// rather than through app.Services.
type env struct {
	t         *testing.T
	ctx       context.Context
	d         *db.DB
	clk       *clock
	box       *secret.Box
	s         *complaint.Store
	users     *auth.Store
	employers *employer.Store
	admin     *auth.User
	petugas   *auth.User
	n         int
	addrs     int // each submit comes from its own phone
	notify    *notify.Store
}

// monday is Monday 2 March 2026, 10:00 WIB.
var monday = time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)

func newEnv(t *testing.T, d *db.DB) *env {
	t.Helper()
	box, err := secret.New(bytes.Repeat([]byte{7}, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: monday}
	e := &env{t: t, ctx: context.Background(), d: d, clk: clk, box: box,
		s:         &complaint.Store{DB: d, Box: box, Now: clk.Now, Passwords: auth.NewPasswords(1024, 1, 1, 4)},
		users:     &auth.Store{DB: d, Passwords: auth.NewPasswords(1024, 1, 1, 4), Now: clk.Now},
		employers: &employer.Store{DB: d, Now: clk.Now},
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Every flow runs with its notices, as it does in the application.
	e.notify = &notify.Store{DB: d, Catalog: cat, Now: clk.Now, Box: box}
	e.s.Notify = e.notify
	e.admin = e.user("Admin Disnaker", auth.Admin)
	e.petugas = e.user("Petugas Disnaker", auth.Petugas)
	return e
}

func (e *env) user(name string, roles ...auth.Role) *auth.User {
	e.t.Helper()
	e.n++
	u, err := e.users.Create(e.ctx, e.d, auth.NewUser{Login: fmt.Sprintf("08127%07d", e.n), Name: name,
		NoPassword: true, Roles: roles})
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return &u
}

// officer registers a user of role kind in the officer registry.
func (e *env) officer(name, kind string, supervisor bool, supervisorID int64, regions ...string) *auth.User {
	e.t.Helper()
	u := e.user(name, auth.Role(kind))
	if err := e.s.SetOfficer(e.ctx, e.admin, complaint.OfficerInput{UserID: u.ID, Kind: kind, Supervisor: supervisor,
		SupervisorID: supervisorID, Regions: regions, Active: true}); err != nil {
		e.t.Fatalf("officer %s: %v", name, err)
	}
	return u
}

// employer registers and verifies an employer; returns its id and owner.
func (e *env) employer(name, region, size string) (int64, *auth.User) {
	e.t.Helper()
	owner := e.user("HRD "+name, auth.Perusahaan)
	e.n++
	emp, err := e.employers.Register(e.ctx, e.d, owner.ID, employer.Input{Name: name, NIB: fmt.Sprintf("91200%08d", e.n),
		KBLISection: "C", SizeClass: size, Region: region, Address: "Kawasan Industri Blok A No. 1",
		ContactName: "Rina", ContactPhone: "0813 1234 5678"})
	if err != nil {
		e.t.Fatalf("employer %s: %v", name, err)
	}
	if err := e.employers.Decide(e.ctx, emp.ID, e.petugas.ID, true, ""); err != nil {
		e.t.Fatal(err)
	}
	return emp.ID, owner
}

// org is a small labor office: inspectors of Kab. Serang and Kota Cilegon
// with their supervisors, and mediators for the province.
type org struct {
	supSerang, pengawasA, pengawasB *auth.User // 3604 (and supSerang also 3673)
	supCilegon, pengawasC           *auth.User // 3672
	supMediator, mediator           *auth.User // province / 3604
}

func (e *env) org() org {
	e.t.Helper()
	var o org
	o.supSerang = e.officer("Kasi Pengawasan Serang", "pengawas", true, 0, "3604", "3673")
	o.pengawasA = e.officer("Pengawas Andi", "pengawas", false, o.supSerang.ID, "3604")
	o.pengawasB = e.officer("Pengawas Budi", "pengawas", false, o.supSerang.ID, "3604")
	o.supCilegon = e.officer("Kasi Pengawasan Cilegon", "pengawas", true, 0, "3672")
	o.pengawasC = e.officer("Pengawas Citra", "pengawas", false, o.supCilegon.ID, "3672")
	o.supMediator = e.officer("Kabid Hubungan Industrial", "mediator", true, 0, "36")
	o.mediator = e.officer("Mediator Dewi", "mediator", false, o.supMediator.ID, "3604", "3672")
	return o
}

// input is a valid complaint to vary.
func input(employerID int64) complaint.Input {
	return complaint.Input{Category: complaint.Lembur, EmployerID: employerID, Region: "3604",
		Narrative:  "Lembur setiap hari tiga jam tetapi tidak pernah dibayar sejak Januari.",
		HappenedOn: "2026-02-20", WorkersAffected: 12}
}

func (e *env) submit(u *auth.User, in complaint.Input) complaint.Receipt {
	e.t.Helper()
	e.addrs++
	r, err := e.s.Submit(e.ctx, u, in, fmt.Sprintf("10.0.%d.%d", e.addrs/250, e.addrs%250))
	if err != nil {
		e.t.Fatalf("submit: %v", err)
	}
	return r
}

func (e *env) move(u *auth.User, caseID int64, in complaint.MoveInput) {
	e.t.Helper()
	if err := e.s.Move(e.ctx, u, caseID, in); err != nil {
		e.t.Fatalf("move case %d to %s: %v", caseID, in.To, err)
	}
}

func (e *env) caseOf(u *auth.User, id int64) complaint.CaseDetail {
	e.t.Helper()
	c, err := e.s.Case(e.ctx, u, id)
	if err != nil {
		e.t.Fatalf("case %d: %v", id, err)
	}
	return c
}

func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.d.QueryRowContext(e.ctx, q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// atWIB is a WIB wall-clock time on day s.
func atWIB(s string, hour int) time.Time {
	return date(s).Add(time.Duration(hour-7) * time.Hour)
}

// --- evidence fixtures ---

// gpsEXIF is an APP1 EXIF segment with an orientation tag and a GPS IFD
// pointer, as phone cameras write, plus a marker string to find.
func gpsEXIF(orientation uint16) []byte {
	// TIFF little endian: header, IFD0 with 2 entries (Orientation, GPSInfo pointer), GPS IFD with latitude ref.
	var t bytes.Buffer
	t.WriteString("II*\x00")
	t.Write([]byte{8, 0, 0, 0}) // IFD0 at 8
	t.Write([]byte{2, 0})       // 2 entries
	// Orientation SHORT 1 value
	t.Write([]byte{0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(orientation), byte(orientation >> 8), 0, 0})
	// GPSInfo LONG pointer to 38
	t.Write([]byte{0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0})
	t.Write([]byte{0, 0, 0, 0}) // next IFD
	// GPS IFD at 38: one entry GPSLatitudeRef ASCII "S"
	t.Write([]byte{1, 0, 1, 0, 2, 0, 2, 0, 0, 0, 'S', 0, 0, 0})
	t.Write([]byte{0, 0, 0, 0})
	t.WriteString("GPS-LOKASI-RAHASIA -6.1214,106.1502")
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	return append(seg, payload...)
}

// photo is a w×h JPEG whose top-left pixel is red and the rest blue, with
// the EXIF segment inserted after SOI.
func photo(t testing.TB, w, h int, orientation uint16) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{0, 0, 255, 255})
		}
	}
	for y := 0; y < h/4; y++ {
		for x := 0; x < w/4; x++ {
			img.Set(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	out := append([]byte{}, raw[:2]...)
	out = append(out, gpsEXIF(orientation)...)
	return append(out, raw[2:]...)
}

// screenshot is a PNG with a tEXt chunk carrying a marker.
func screenshot(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	// Insert a tEXt chunk after IHDR (8-byte signature + 25-byte IHDR chunk).
	text := []byte("Comment\x00GPS-LOKASI-RAHASIA")
	chunk := []byte{0, 0, 0, byte(len(text))}
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, text...)
	crc := crc32.ChecksumIEEE(chunk[4:])
	chunk = append(chunk, byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc))
	out := append([]byte{}, raw[:33]...)
	out = append(out, chunk...)
	return append(out, raw[33:]...)
}

const minimalPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

// verified makes a job seeker whose NIK was checked: a seeker profile with
// a valid AK/1 card, so their sealed reports count in a pool. The rows are
// written directly: the seeker store's rules are not under test here.
func (e *env) verified(name string) *auth.User {
	e.t.Helper()
	u := e.user(name, auth.Pencari)
	now := e.clk.Now().UTC()
	sk, err := db.InsertID(e.ctx, e.d, `INSERT INTO seekers (user_id, nik_enc, nik_hash, full_name, birth_year, birth_enc, female,
		nik_region, domicile_region, education, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, []byte{1}, fmt.Sprintf("nik-%d", u.ID), name, 1995, []byte{1}, false, "3604", "3604", "sma", now, now)
	if err != nil {
		e.t.Fatalf("seeker %s: %v", name, err)
	}
	if _, err := e.d.ExecContext(e.ctx, `INSERT INTO ak1_cards (seeker_id, number, token, issued_on, valid_until, auto_issued, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sk, fmt.Sprintf("3604-2026-%d", sk), fmt.Sprintf("tok-%d", sk), date("2026-01-05"),
		date("2028-01-05"), true, now); err != nil {
		e.t.Fatalf("card %s: %v", name, err)
	}
	return u
}

// ties counts the distinct people a pool counts among the reports waiting
// for employer emp and category cat.
func (e *env) ties(emp int64, cat string) int {
	e.t.Helper()
	return e.count(`SELECT count(DISTINCT pool_tie) FROM complaints WHERE employer_key = ? AND category = ?
		AND status = 'menunggu' AND pool_tie <> ''`, complaint.EmployerKey(emp, ""), cat)
}

// inbox returns the titles of u's notices of kind k, newest first.
func (e *env) inbox(u *auth.User, k notify.Kind) []string {
	e.t.Helper()
	items, _, err := e.notify.List(e.ctx, u, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		if it.Kind == k {
			out = append(out, it.Title)
		}
	}
	return out
}
