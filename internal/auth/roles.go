package auth

// Role is what a user may act as; a user may hold several.
type Role string

const (
	Pencari    Role = "pencari"    // job seeker
	Perusahaan Role = "perusahaan" // employer HR
	Lembaga    Role = "lembaga"    // training provider admin
	Pengawas   Role = "pengawas"   // labor inspector
	Mediator   Role = "mediator"   // industrial relations mediator
	Serikat    Role = "serikat"    // union officer
	Analis     Role = "analis"     // tripartite member or analyst: read-only figures
	Petugas    Role = "petugas"    // labor-office officer: verifies employers and seekers
	Admin      Role = "admin"
	// Koperasi: an officer of the cooperatives and SME office (Dinas
	// Koperasi dan UKM): runs assistance programs for small businesses.
	Koperasi Role = "koperasi"
	Bkk      Role = "bkk" // staff of an SMK's job office (Bursa Kerja Khusus)
)

// AllRoles in the order pages list them.
var AllRoles = []Role{Pencari, Perusahaan, Lembaga, Pengawas, Mediator, Serikat, Analis, Petugas, Admin, Koperasi, Bkk}

// ParseRole returns the role named s.
func ParseRole(s string) (Role, bool) {
	for _, r := range AllRoles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// Action is something a user may be allowed to do.
type Action string

const (
	RegisterSeeker   Action = "seeker.register"    // create own job-seeker profile
	ApplyVacancy     Action = "vacancy.apply"      // apply for a vacancy
	RegisterEmployer Action = "employer.register"  // register a company
	PostVacancy      Action = "vacancy.post"       // post and manage own company's vacancies
	ManageApplicants Action = "applicants.manage"  // move own vacancies' applicants along, report hires
	VerifyEmployer   Action = "employer.verify"    // verify or reject employers
	IssueAK1         Action = "ak1.issue"          // issue AK/1 cards, see the seeker queue
	ReadNIK          Action = "nik.read"           // see any seeker's full NIK (audited)
	ViewStats        Action = "stats.view"         // labor-market figures beyond the public ones
	ManageUsers      Action = "users.manage"       // add users, grant roles
	ReportFee        Action = "fee.report"         // report a fee demand (also possible anonymously)
	ApplyTraining    Action = "training.apply"     // rank programs in an intake round, appeal its result
	ManageTraining   Action = "training.manage"    // run own providers' programs, rounds, rosters, appeals
	ManageRounds     Action = "training.rounds"    // open and allocate province-wide rounds, decide their appeals
	ManageProviders  Action = "training.providers" // register training providers and their staff accounts
	ManageOutbox     Action = "outbox.manage"      // see the notification outbox, retry its dead letters
	RecoverAccount   Action = "account.recover"    // reset a seeker's access at the office after checking the KTP
	WageInputs       Action = "wage.inputs"        // enter the wage council's inflation and growth with their BPS source
	WageCouncil      Action = "wage.council"       // act on the wage council for the party an admin assigned (propose α, decide)
	WageMembers      Action = "wage.members"       // assign users to the wage council's parties
	ManageTripartite Action = "tripartite.manage"  // record the LKS Tripartit's meetings, agenda and follow-up
	ManageSynonyms   Action = "search.synonyms"    // add to and remove from the search's job-title synonyms (audited)
	ManageDocuments  Action = "documents.manage"   // upload own CV, certificates, diploma, AK/1 photo; choose what goes with an application
	ReviewVacancy    Action = "vacancy.review"     // decide on vacancies held or flagged by screening
	// Apprenticeships (Permenaker 6/2020; internal/apprentice).
	RunApprenticeship    Action = "apprenticeship.run"    // apply for own company's apprenticeship programs, take on and end apprentices
	DecideApprenticeship Action = "apprenticeship.decide" // approve or reject apprenticeship programs, see their queue
	RegisterUMKM         Action = "umkm.register"         // register a small business (one's own; an officer: anyone's), declare its yearly figures, apply for assistance
	ManageUMKM           Action = "umkm.manage"           // run assistance programs, allocate their seats, see and correct every business
	ManageSchools        Action = "bkk.schools"           // register SMKs' job offices (BKK) and their staff accounts
	RunBKK               Action = "bkk.run"               // for own school: post partners' vacancies, verify graduates, see their applications
	DeclareGraduate      Action = "bkk.graduate"          // declare own SMK, program and graduation; answer the tracer study
)

// permissions is the one table of who may do what. Ownership (this employer's
// vacancy, this seeker's application) is checked by the stores on top of it.
var permissions = map[Action][]Role{
	RegisterSeeker:   {Pencari},
	ApplyVacancy:     {Pencari},
	RegisterEmployer: {Perusahaan},
	PostVacancy:      {Perusahaan},
	ManageApplicants: {Perusahaan},
	VerifyEmployer:   {Petugas, Admin},
	IssueAK1:         {Petugas},
	ReadNIK:          {Petugas},
	ViewStats:        {Petugas, Analis, Pengawas, Mediator, Admin},
	ManageUsers:      {Admin},
	ReportFee:        {Pencari, Perusahaan, Lembaga, Pengawas, Mediator, Serikat, Analis, Petugas, Admin},
	// Training outcomes per regency/city are read under ViewStats. Which
	// provider a lembaga user acts for is checked by the training store.
	ApplyTraining:   {Pencari},
	ManageTraining:  {Lembaga},
	ManageRounds:    {Petugas},
	ManageProviders: {Petugas, Admin},
	ManageOutbox:    {Admin},
	ManageSynonyms:  {Admin},
	RecoverAccount:  {Petugas},
	// Simulating a wage writes nothing and is public. The party a council
	// member speaks for is the store's membership row, not a role.
	WageInputs:       {Analis},
	WageCouncil:      {Perusahaan, Serikat, Analis, Petugas},
	WageMembers:      {Admin},
	ManageTripartite: {Analis, Petugas},
	// Which documents an employer may open is decided by the document
	// store on top of ManageApplicants (only those sent with an
	// application to its vacancy); an officer sees the AK/1 photo under
	// IssueAK1.
	ManageDocuments: {Pencari},
	ReviewVacancy:   {Petugas, Admin},
	// Which company's programs a perusahaan user runs is the store's check.
	RunApprenticeship:    {Perusahaan},
	DecideApprenticeship: {Petugas},
	// Any signed-in person may register the business they own (a job
	// seeker selling snacks is the typical micro business); which business
	// a user may act for is the umkm store's check on top of this.
	RegisterUMKM: {Pencari, Perusahaan, Lembaga, Pengawas, Mediator, Serikat, Analis, Petugas, Admin, Koperasi, Bkk},
	ManageUMKM:   {Koperasi},
	// Which school a bkk user acts for is the bkk store's school_staff row.
	ManageSchools:   {Petugas, Admin},
	RunBKK:          {Bkk},
	DeclareGraduate: {Pencari},
}

// Can is the single permission decision: may someone holding roles do a?
func Can(roles []Role, a Action) bool {
	for _, allowed := range permissions[a] {
		for _, r := range roles {
			if r == allowed {
				return true
			}
		}
	}
	return false
}
