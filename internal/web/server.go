// Package web serves bursa's pages: server-rendered HTML that works without
// JavaScript on cheap phones with weak signal, in Bahasa Indonesia first.
// Handlers turn requests into calls on domain stores and hold no SQL.
package web

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the handlers need.
type Server struct {
	App     *app.Services
	Catalog *i18n.Catalog
	tmpl    map[string]*template.Template
}

// New parses the templates and returns a Server.
func New(a *app.Services, c *i18n.Catalog) (*Server, error) {
	s := &Server{App: a, Catalog: c}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// Routes registers every page on mux. API routes are registered by the api
// package on the same mux; Handler wraps both in the middleware chain.
func (s *Server) Routes(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /robots.txt", s.robots)
	// Browsers and WhatsApp's link preview ask for /favicon.ico whatever
	// the page says.
	mux.Handle("GET /favicon.ico", cacheForever(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, path.Base(r.URL.Path))
	})))

	mux.Handle("GET /{$}", s.page(s.home))
	// Every other path gets the site's own "not found" page, not Go's bare text.
	mux.Handle("/", s.page(func(http.ResponseWriter, *req) error { return db.ErrNotFound }))
	mux.Handle("GET /lowongan", s.page(s.vacancyList))
	mux.Handle("GET /lowongan/{id}", s.page(s.vacancyDetail))
	mux.Handle("POST /lowongan/{id}/lamar", s.page(s.apply))
	mux.Handle("GET /lowongan/{id}/lapor-calo", s.page(s.feeForm))
	mux.Handle("POST /lowongan/{id}/lapor-calo", s.page(s.feeSubmit))
	mux.Handle("GET /lapor-calo", s.page(s.feeForm))
	mux.Handle("POST /lapor-calo", s.page(s.feeSubmit))
	mux.Handle("GET /lowongan.atom", s.page(s.atom))
	mux.Handle("GET /sitemap.xml", s.page(s.sitemap))
	mux.Handle("GET /ak1/{token}", s.page(s.ak1Public))
	mux.Handle("GET /pemberi-kerja/{id}", s.page(s.employerPublic))

	mux.Handle("GET /masuk", s.page(s.loginForm))
	mux.Handle("POST /masuk", s.page(s.login))
	mux.Handle("POST /keluar", s.page(s.logout))
	mux.Handle("GET /daftar", s.page(s.registerForm))
	mux.Handle("POST /daftar", s.page(s.register))
	mux.Handle("GET /akun/sandi", s.page(s.passwordForm))
	mux.Handle("POST /akun/sandi", s.page(s.passwordChange))
	mux.Handle("POST /bahasa", s.page(s.setLang))

	mux.Handle("GET /pencari", s.page(s.seekerDashboard))
	mux.Handle("GET /pencari/profil", s.page(s.seekerProfileForm))
	mux.Handle("POST /pencari/profil", s.page(s.seekerProfileSave))
	mux.Handle("GET /pencari/ak1", s.page(s.ak1Card))

	mux.Handle("GET /perusahaan", s.page(s.employerDashboard))
	mux.Handle("GET /perusahaan/daftar", s.page(s.employerForm))
	mux.Handle("POST /perusahaan/daftar", s.page(s.employerRegister))
	mux.Handle("GET /perusahaan/lowongan/baru", s.page(s.vacancyForm))
	mux.Handle("POST /perusahaan/lowongan/baru", s.page(s.vacancyCreate))
	mux.Handle("GET /perusahaan/lowongan/{id}/ubah", s.page(s.vacancyForm))
	mux.Handle("POST /perusahaan/lowongan/{id}/ubah", s.page(s.vacancyUpdate))
	mux.Handle("POST /perusahaan/lowongan/{id}/status", s.page(s.vacancyStatus))
	mux.Handle("GET /perusahaan/lowongan/{id}", s.page(s.applicants))
	mux.Handle("POST /perusahaan/lowongan/{id}/dilihat", s.page(s.markSeen))
	mux.Handle("POST /perusahaan/lamaran/{id}/status", s.page(s.applicationMove))
	mux.Handle("POST /perusahaan/lamaran/{id}/terima", s.page(s.applicationHire))
	mux.Handle("POST /perusahaan/lowongan/{id}/undang", s.page(s.invite))
	mux.Handle("POST /pencari/undangan/{id}/tolak", s.page(s.declineInvitation))
	mux.Handle("POST /pencari/lamaran/{id}/tarik", s.page(s.withdraw))
	mux.Handle("POST /pencari/lamaran/{id}/tawaran", s.page(s.offerAnswer))
	mux.Handle("POST /perusahaan/lamaran/{id}/tawaran", s.page(s.offerMake))
	mux.Handle("GET /kesenjangan", s.page(s.skillGaps))
	mux.Handle("GET /laporan-lowongan", s.page(s.vacancyReport))
	mux.Handle("GET /laporan-lowongan.csv", s.page(s.vacancyReportCSV))
	mux.Handle("GET /cara-mencocokkan", s.page(s.howMatch))
	mux.Handle("GET /transparansi", s.page(s.transparency))
	mux.Handle("GET /transparansi/catatan/{n}", s.page(s.ledgerRecord))
	mux.Handle("GET /pencari/lamaran/{id}/tanda-terima", s.page(s.applicationReceiptPage))
	mux.Handle("GET /pencari/lamaran/{id}/tanda-terima.json", s.page(s.applicationReceipt))

	mux.Handle("GET /pelatihan", s.page(s.trainingList))
	mux.Handle("GET /pelatihan/{id}", s.page(s.trainingProgram))
	mux.Handle("POST /pelatihan/ikuti/{id}", s.page(s.trainingFollow))
	mux.Handle("GET /pelatihan/hasil", s.page(s.regionOutcomes))
	mux.Handle("GET /pelatihan/gelombang/{id}", s.page(s.trainingRound))
	mux.Handle("POST /pelatihan/gelombang/{id}/daftar", s.page(s.trainingApply))
	mux.Handle("POST /pelatihan/gelombang/{id}/alokasi", s.page(s.allocateRound))
	mux.Handle("GET /pelatihan/keberatan/{id}", s.page(s.appealPage))
	mux.Handle("POST /pelatihan/keberatan/{id}", s.page(s.decideAppeal))
	mux.Handle("GET /pencari/pelatihan", s.page(s.myTraining))
	mux.Handle("POST /pencari/pelatihan/{id}/keberatan", s.page(s.trainingAppeal))
	mux.Handle("GET /lembaga", s.page(s.providerDashboard))
	mux.Handle("GET /lembaga/program/baru", s.page(s.programForm))
	mux.Handle("POST /lembaga/program/baru", s.page(s.programCreate))
	mux.Handle("GET /lembaga/program/{id}", s.page(s.roster))
	mux.Handle("GET /lembaga/program/{id}/ubah", s.page(s.programForm))
	mux.Handle("POST /lembaga/program/{id}/ubah", s.page(s.programUpdate))
	mux.Handle("POST /lembaga/program/{id}/daftarkan", s.page(s.enrollSeated))
	mux.Handle("POST /lembaga/peserta/{id}/kehadiran", s.page(s.recordAttendance))
	mux.Handle("POST /lembaga/peserta/{id}/lulus", s.page(s.completeCourse))
	mux.Handle("POST /lembaga/peserta/{id}/sertifikat", s.page(s.certify))
	mux.Handle("GET /lembaga/gelombang/baru", s.page(s.roundForm))
	mux.Handle("POST /lembaga/gelombang/baru", s.page(s.roundOpen))
	mux.Handle("GET /lembaga/keberatan", s.page(s.providerAppeals))
	mux.Handle("GET /lembaga/hasil", s.page(s.providerOutcomes))
	mux.Handle("GET /petugas/pelatihan", s.page(s.officerTraining))
	mux.Handle("GET /petugas/pelatihan/gelombang/baru", s.page(s.roundForm))
	mux.Handle("POST /petugas/pelatihan/gelombang/baru", s.page(s.roundOpen))
	mux.Handle("GET /petugas/lembaga", s.page(s.providers))
	mux.Handle("POST /petugas/lembaga", s.page(s.providerCreate))
	mux.Handle("POST /petugas/lembaga/{id}/staf", s.page(s.providerAddStaff))

	mux.Handle("GET /pengaduan", s.page(s.complaintForm))
	mux.Handle("POST /pengaduan", s.page(s.complaintSubmit))
	mux.Handle("GET /pengaduan/lacak", s.page(s.trackForm))
	mux.Handle("POST /pengaduan/lacak", s.page(s.trackSubmit))
	mux.Handle("GET /pengaduan/saya", s.page(s.myComplaints))
	mux.Handle("GET /pengaduan/saya/{code}", s.page(s.myComplaint))
	mux.Handle("POST /pengaduan/saya/{code}/balas", s.page(s.myComplaintReply))
	mux.Handle("POST /pengaduan/saya/{code}/anggota", s.page(s.answerMembership))
	mux.Handle("GET /pengaduan/angka", s.page(s.complaintCounts))
	mux.Handle("GET /pengaduan/perselisihan", s.page(s.disputeForm))
	mux.Handle("POST /pengaduan/perselisihan", s.page(s.disputeSubmit))
	mux.Handle("GET /pengawasan", s.page(s.inspectionHome))
	mux.Handle("GET /pengawasan/kasus/{id}", s.page(s.casePage))
	mux.Handle("POST /pengawasan/kasus/{id}/status", s.page(s.caseMove))
	mux.Handle("POST /pengawasan/kasus/{id}/tugas", s.page(s.caseAssign))
	mux.Handle("POST /pengawasan/kasus/{id}/temuan", s.page(s.caseFinding))
	mux.Handle("POST /pengawasan/kasus/{id}/sidang", s.page(s.caseSession))
	mux.Handle("GET /pengawasan/pengaduan/{id}", s.page(s.caseComplaint))
	mux.Handle("POST /pengawasan/pengaduan/{id}/pesan", s.page(s.caseMessage))
	mux.Handle("GET /pengawasan/bukti/{id}", s.page(s.caseEvidence))
	mux.Handle("GET /admin/petugas", s.page(s.officerRegistry))
	mux.Handle("POST /admin/petugas", s.page(s.officerRegistrySave))
	mux.Handle("GET /perusahaan/temuan", s.page(s.employerFindings))
	mux.Handle("POST /perusahaan/temuan/{id}/tanggapan", s.page(s.employerRespond))
	mux.Handle("GET /aspirasi", s.page(s.aspirations))
	mux.Handle("POST /aspirasi", s.page(s.aspirationPost))
	mux.Handle("GET /aspirasi/{id}", s.page(s.aspiration))
	mux.Handle("POST /aspirasi/{id}/dukung", s.page(s.aspirationSupport))
	mux.Handle("POST /aspirasi/{id}/jawab", s.page(s.aspirationAnswer))

	// Features added later register their pages in their own files.
	s.accountRoutes(mux)
	s.notifyRoutes(mux)
	s.alertRoutes(mux)
	s.dataRoutes(mux)
	s.interviewRoutes(mux)
	s.apprRoutes(mux)
	s.umkmRoutes(mux)
	s.youthRoutes(mux)
	s.bkkRoutes(mux)
	s.threadRoutes(mux)
	s.wageRoutes(mux)
	s.ledgerWordsRoutes(mux)
	s.monitorRoutes(mux)
	s.statsRoutes(mux)
	s.searchRoutes(mux)
	s.documentRoutes(mux)
	s.screenRoutes(mux)
	s.vfactsRoutes(mux)

	mux.Handle("GET /petugas", s.page(s.officerQueue))
	mux.Handle("POST /petugas/perusahaan/{id}", s.page(s.officerDecideEmployer))
	mux.Handle("GET /petugas/pencari/{id}", s.page(s.officerSeeker))
	mux.Handle("POST /petugas/pencari/{id}/ak1", s.page(s.officerIssueAK1))
}

// Handler returns mux wrapped in the middleware chain, outermost first:
// recover and log, the client's address behind trusted proxies, security
// headers, cross-origin (CSRF) protection, compression.
func (s *Server) Handler(mux http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	// RFC 8058 one-click unsubscribe is a cross-site POST from the mail
	// provider, without cookies; the signed token in its address is what
	// authorizes it (notify.Store.Unsubscribe).
	csrf.AddInsecureBypassPattern("POST /berhenti")
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, nil, http.StatusForbidden, "error.csrf")
	}))
	return s.logRecover(s.realClient(s.securityHeaders(csrf.Handler(compress(mux)))))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.App.DB.Ping(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("User-agent: *\nDisallow: /pencari\nDisallow: /perusahaan\nDisallow: /petugas\nDisallow: /lembaga\nDisallow: /pengawasan\nDisallow: /pengaduan/lacak\nDisallow: /pengaduan/saya\nDisallow: /admin\nSitemap: " + s.baseURL(r) + "/sitemap.xml\n"))
}
