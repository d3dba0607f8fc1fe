package mydata

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bursa-banten/bursa/internal/db"
)

// section is one part of the export. Adding what a new feature keeps about
// a person is one more entry in sections: a name (also the message id
// "data.section.<name>" of its heading on the page) and how to read it.
type section struct {
	name string
	read func(ctx context.Context, q db.Querier, p person) (Table, error)
}

// byUser is a section read by one statement whose only argument is the
// account id.
func byUser(name string, bools []string, sqlText string) section {
	return section{name, func(ctx context.Context, q db.Querier, p person) (Table, error) {
		return query(ctx, q, bools, sqlText, p.UserID)
	}}
}

// bySeeker is a section read by one statement whose only argument is the
// job-seeker id (an account without a profile reads no rows).
func bySeeker(name string, bools []string, sqlText string) section {
	return section{name, func(ctx context.Context, q db.Querier, p person) (Table, error) {
		return query(ctx, q, bools, sqlText, p.SeekerID)
	}}
}

func yes(col string) string { return "CASE WHEN " + col + " THEN 1 ELSE 0 END" }

// sections lists every part of the export, in the order of the page.
func (s *Store) sections() []section {
	return []section{
		byUser("account", nil, `SELECT id, COALESCE(email, '') AS email, COALESCE(phone, '') AS phone, name, lang, created_at
			FROM users WHERE id = ?`),
		byUser("roles", nil, `SELECT role FROM user_roles WHERE user_id = ? ORDER BY role`),
		byUser("contacts", nil, `SELECT kind, address, verified_at, created_at FROM contacts WHERE user_id = ? ORDER BY kind`),
		byUser("consents", []string{"granted"}, `SELECT channel, `+yes("granted")+` AS granted, at
			FROM consents WHERE user_id = ? ORDER BY at, id`),
		byUser("notification_settings", []string{"enabled"}, `SELECT kind, channel, `+yes("enabled")+` AS enabled, changed_at
			FROM notify_prefs WHERE user_id = ? ORDER BY kind, channel`),
		byUser("notification_cadence", nil, `SELECT kind, cadence, changed_at FROM notify_cadence WHERE user_id = ? ORDER BY kind`),
		byUser("interviews", nil, `SELECT v.title AS vacancy, i.place, i.online_url, i.contact, i.bring, i.status, i.chosen, i.note, i.created_at
			FROM interviews i JOIN applications a ON a.id = i.application_id JOIN seekers s ON s.id = a.seeker_id JOIN vacancies v ON v.id = a.vacancy_id
			WHERE s.user_id = ? ORDER BY i.created_at`),
		byUser("offers", nil, `SELECT v.title AS vacancy, o.wage, o.wage_unit, o.contract, o.months, o.start_on, o.answer_by, o.status, o.created_at
			FROM offers o JOIN applications a ON a.id = o.application_id JOIN seekers s ON s.id = a.seeker_id JOIN vacancies v ON v.id = a.vacancy_id
			WHERE s.user_id = ? ORDER BY o.created_at`),
		byUser("saved_searches", nil, `SELECT q, region, kbji, education, min_wage, contract, alert, created_at
			FROM saved_searches WHERE user_id = ? ORDER BY id`),
		byUser("digest", nil, `SELECT created_at AS opted_in_at FROM digest_optins WHERE user_id = ?`),
		byUser("followed_programs", nil, `SELECT p.title, f.created_at FROM program_follows f JOIN programs p ON p.id = f.program_id
			WHERE f.user_id = ? ORDER BY f.created_at`),
		byUser("notifications", nil, `SELECT kind, title, body, url, created_at, read_at
			FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC`),
		{"seeker", s.seekerSection},
		bySeeker("skills", nil, `SELECT skill FROM seeker_skills WHERE seeker_id = ? ORDER BY skill`),
		{"address", s.addressSection},
		bySeeker("work_history", nil, `SELECT employer, title, occupation, from_month, to_month, description
			FROM seeker_experiences WHERE seeker_id = ? ORDER BY from_month DESC, id`),
		bySeeker("licences", nil, `SELECT class, expires_on FROM seeker_licences WHERE seeker_id = ? ORDER BY class`),
		bySeeker("languages", nil, `SELECT lang, level FROM seeker_languages WHERE seeker_id = ? ORDER BY lang`),
		// The list of documents, not their contents (the seeker downloads
		// each from their documents page); which application each went with.
		bySeeker("documents", nil, `SELECT d.id, d.kind, d.title, d.media_type, d.size, d.created_at,
			COALESCE((SELECT MIN(ad.application_id) FROM application_documents ad WHERE ad.document_id = d.id), 0) AS first_application,
			(SELECT count(*) FROM application_documents ad WHERE ad.document_id = d.id) AS applications
			FROM documents d WHERE d.seeker_id = ? ORDER BY d.created_at, d.id`),
		bySeeker("ak1_cards", []string{"revoked"}, `SELECT number, issued_on, valid_until, `+yes("revoked")+` AS revoked, created_at
			FROM ak1_cards WHERE seeker_id = ? ORDER BY created_at`),
		bySeeker("applications", nil, `SELECT a.id, v.title AS vacancy, e.name AS employer, a.status, a.status_reason, a.note,
			a.created_at, a.updated_at
			FROM applications a JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id
			WHERE a.seeker_id = ? ORDER BY a.created_at, a.id`),
		bySeeker("application_history", nil, `SELECT ev.application_id, ev.status, ev.reason, ev.at
			FROM application_events ev JOIN applications a ON a.id = ev.application_id
			WHERE a.seeker_id = ? ORDER BY ev.application_id, ev.at, ev.id`),
		bySeeker("invitations", nil, `SELECT v.title AS vacancy, e.name AS employer, i.status, i.created_at, i.decided_at
			FROM invitations i JOIN vacancies v ON v.id = i.vacancy_id JOIN employers e ON e.id = v.employer_id
			WHERE i.seeker_id = ? ORDER BY i.created_at, i.id`),
		bySeeker("placements", nil, `SELECT v.title AS vacancy, e.name AS employer, p.start_date, p.wage, p.reported_at
			FROM placements p JOIN vacancies v ON v.id = p.vacancy_id JOIN employers e ON e.id = p.employer_id
			WHERE p.seeker_id = ? ORDER BY p.reported_at, p.id`),
		bySeeker("training_applications", []string{"dtks"}, `SELECT r.title AS round, `+yes("ra.dtks")+` AS dtks, ra.unemployed_since,
			ra.domicile_region, ra.education, ra.submitted_at,
			COALESCE((SELECT pr.title FROM round_results rr JOIN programs pr ON pr.id = rr.program_id
				WHERE rr.round_id = ra.round_id AND rr.seeker_id = ra.seeker_id), '') AS seat
			FROM round_applications ra JOIN intake_rounds r ON r.id = ra.round_id
			WHERE ra.seeker_id = ? ORDER BY ra.submitted_at`),
		bySeeker("training_choices", nil, `SELECT r.title AS round, c.preference, pr.title AS program
			FROM round_choices c JOIN intake_rounds r ON r.id = c.round_id JOIN programs pr ON pr.id = c.program_id
			WHERE c.seeker_id = ? ORDER BY c.round_id, c.preference`),
		bySeeker("enrollments", nil, `SELECT pr.title AS program, en.enrolled_on, en.attendance_pct, en.sessions_attended,
			en.sessions_held, en.completed_on, COALESCE(en.certificate_number, '') AS certificate_number, en.certified_on
			FROM enrollments en JOIN programs pr ON pr.id = en.program_id
			WHERE en.seeker_id = ? ORDER BY en.enrolled_on, en.id`),
		bySeeker("training_appeals", nil, `SELECT r.title AS round, ap.body, ap.filed_at,
			CASE WHEN ap.upheld IS NULL THEN '' WHEN ap.upheld THEN 'upheld' ELSE 'rejected' END AS outcome,
			ap.decision, ap.decided_at
			FROM round_appeals ap JOIN intake_rounds r ON r.id = ap.round_id
			WHERE ap.seeker_id = ? ORDER BY ap.filed_at`),
		{"application_messages", s.threadSection},
		bySeeker("contact_shares", []string{"phone", "email"}, `SELECT v.title AS vacancy, `+yes("cs.phone")+` AS phone, `+yes("cs.email")+` AS email, cs.updated_at
			FROM application_contact_shares cs JOIN applications a ON a.id = cs.application_id JOIN vacancies v ON v.id = a.vacancy_id
			WHERE a.seeker_id = ? ORDER BY cs.updated_at`),
		{"complaints", s.complaintSection},
		{"complaint_messages", s.messageSection},
		byUser("companies", nil, `SELECT name, nib, status, contact_name, contact_phone, contact_email, created_at
			FROM employers WHERE owner_id = ? ORDER BY id`),
		byUser("small_businesses", nil, `SELECT b.name, b.nib, b.kbli, b.region, b.owner_name, b.owner_birth_year, b.class, b.created_at
			FROM umkm_businesses b WHERE b.owner_id = ? ORDER BY b.id`),
		byUser("aspirations", nil, `SELECT title, body, audience, union_name, created_at FROM aspirations
			WHERE author_id = ? ORDER BY created_at`),
		{"audit", s.auditSection},
	}
}

// seekerSection is the job-seeker profile. The NIK is shown masked: the
// download is a file that outlives the session on a shared phone, and the
// person knows their own NIK; the full NIK and birth date are on the
// profile page after login, and at the office on showing the KTP. Only the
// birth year is given here, for the same reason.
func (s *Store) seekerSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	t, err := query(ctx, q, []string{"female", "discoverable", "placed"}, `SELECT id, full_name, birth_year,
		`+yes("female")+` AS female, nik_region, domicile_region, education, occupation, experience, certificates,
		expected_wage, `+yes("discoverable")+` AS discoverable, `+yes("placed")+` AS placed, created_at, updated_at
		FROM seekers WHERE id = ?`, p.SeekerID)
	if err != nil || len(t.Rows) == 0 {
		return t, err
	}
	var enc []byte
	if err := q.QueryRowContext(ctx, `SELECT nik_enc FROM seekers WHERE id = ?`, p.SeekerID).Scan(&enc); err != nil {
		return Table{}, err
	}
	nik, err := s.Box.Open(enc, "seeker.nik")
	if err != nil {
		return Table{}, fmt.Errorf("nik of seeker %d: %w", p.SeekerID, err)
	}
	t.Columns = append([]string{"nik_masked"}, t.Columns...)
	t.Rows[0] = append([]any{MaskNIK(string(nik))}, t.Rows[0]...)
	return t, nil
}

// addressSection is the seeker's address with the street opened: it is
// theirs, and unlike the NIK it opens no other door to them.
func (s *Store) addressSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	t, err := query(ctx, q, nil, `SELECT district, village, updated_at FROM seeker_addresses WHERE seeker_id = ?`, p.SeekerID)
	if err != nil || len(t.Rows) == 0 {
		return t, err
	}
	var enc []byte
	if err := q.QueryRowContext(ctx, `SELECT street_enc FROM seeker_addresses WHERE seeker_id = ?`, p.SeekerID).Scan(&enc); err != nil {
		return Table{}, err
	}
	street := ""
	if len(enc) > 0 {
		pt, err := s.Box.Open(enc, "seeker.street")
		if err != nil {
			return Table{}, fmt.Errorf("street of seeker %d: %w", p.SeekerID, err)
		}
		street = string(pt)
	}
	t.Columns = append(t.Columns, "street")
	t.Rows[0] = append(t.Rows[0], street)
	return t, nil
}

// MaskNIK keeps the NIK's first six digits (the district of the KTP, which
// is in clear as nik_region anyway) and hides the rest.
func MaskNIK(nik string) string {
	if len(nik) <= 6 {
		return "••••••"
	}
	out := nik[:6]
	for range len(nik) - 6 {
		out += "•"
	}
	return out
}

// reporterKey is the complaint store's keyed hash of an account (see
// complaint.Store.userKey): complaints filed by the account carry it.
func (s *Store) reporterKey(userID int64) string {
	return s.Box.Hash(strconv.FormatInt(userID, 10), "complaint.user")
}

// complaintSection lists the complaints the person filed while logged in,
// with their own account of what happened (sealed in the database). The
// identity they gave and the officers' notes are part of the case file,
// read at the office.
func (s *Store) complaintSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, kind, category, status, region, employer_name, amount, details_enc, created_at
		FROM complaints WHERE reporter_id = ? OR reporter_key = ? ORDER BY created_at, id`, p.UserID, s.reporterKey(p.UserID))
	if err != nil {
		return Table{}, err
	}
	defer rows.Close()
	t := Table{Columns: []string{"code", "kind", "category", "status", "region", "employer", "amount", "details", "created_at"}}
	for rows.Next() {
		var id, amount int64
		var code, kind, cat, status, region, employer string
		var enc []byte
		var at any
		if err := rows.Scan(&id, &code, &kind, &cat, &status, &region, &employer, &amount, &enc, &at); err != nil {
			return Table{}, err
		}
		details, err := s.Box.Open(enc, "complaint.details")
		if err != nil {
			return Table{}, fmt.Errorf("complaint %d: %w", id, err)
		}
		t.Rows = append(t.Rows, []any{code, kind, cat, status, region, employer, amount, string(details), normalise(at, false)})
	}
	return t, rows.Err()
}

// messageSection lists the messages the person wrote on their complaints.
func (s *Store) messageSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, c.code, m.body_enc, m.created_at FROM complaint_messages m
		JOIN complaints c ON c.id = m.complaint_id
		WHERE m.author_id = ? AND NOT m.from_officer ORDER BY m.created_at, m.id`, p.UserID)
	if err != nil {
		return Table{}, err
	}
	defer rows.Close()
	t := Table{Columns: []string{"complaint", "body", "created_at"}}
	for rows.Next() {
		var id int64
		var code string
		var enc []byte
		var at any
		if err := rows.Scan(&id, &code, &enc, &at); err != nil {
			return Table{}, err
		}
		body, err := s.Box.Open(enc, "complaint.message")
		if err != nil {
			return Table{}, fmt.Errorf("message %d: %w", id, err)
		}
		t.Rows = append(t.Rows, []any{code, string(body), normalise(at, false)})
	}
	return t, rows.Err()
}

// threadSection is the messages on the person's applications, from both
// sides: the conversation is theirs to keep.
func (s *Store) threadSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, v.title, m.side, m.body_enc, m.created_at FROM application_messages m
		JOIN applications a ON a.id = m.application_id JOIN vacancies v ON v.id = a.vacancy_id
		WHERE a.seeker_id = ? ORDER BY m.application_id, m.id`, p.SeekerID)
	if err != nil {
		return Table{}, err
	}
	defer rows.Close()
	t := Table{Columns: []string{"vacancy", "from", "body", "created_at"}}
	for rows.Next() {
		var id int64
		var title, side string
		var enc []byte
		var at any
		if err := rows.Scan(&id, &title, &side, &enc, &at); err != nil {
			return Table{}, err
		}
		body, err := s.Box.Open(enc, "application.message")
		if err != nil {
			return Table{}, fmt.Errorf("application message %d: %w", id, err)
		}
		t.Rows = append(t.Rows, []any{title, side, string(body), normalise(at, false)})
	}
	return t, rows.Err()
}

// auditSection is who read or decided something about the person: when,
// what, and the role of who did it ("self" for the person, "system" for
// bursa). Never the name of an officer, nor the entry's detail, which may
// name other people.
func (s *Store) auditSection(ctx context.Context, q db.Querier, p person) (Table, error) {
	return query(ctx, q, nil, `SELECT a.at, a.action, a.subject_type AS subject,
		CASE WHEN a.actor_id IS NULL THEN 'system' WHEN a.actor_id = ? THEN 'self'
			ELSE COALESCE((SELECT MIN(r.role) FROM user_roles r WHERE r.user_id = a.actor_id AND r.role <> 'pencari'), '') END AS actor_role
		FROM audit_log a
		WHERE (a.subject_type = 'user' AND a.subject_id = ?)
		   OR (a.subject_type = 'seeker' AND a.subject_id = ?)
		   OR (a.subject_type = 'enrollment' AND a.subject_id IN (SELECT id FROM enrollments WHERE seeker_id = ?))
		   OR (a.subject_type = 'appeal' AND a.subject_id IN (SELECT id FROM round_appeals WHERE seeker_id = ?))
		   OR (a.subject_type = 'complaint' AND a.subject_id IN (SELECT id FROM complaints WHERE reporter_id = ? OR reporter_key = ?))
		ORDER BY a.at DESC, a.id DESC`, p.UserID, p.UserID, p.SeekerID, p.SeekerID, p.SeekerID, p.UserID, s.reporterKey(p.UserID))
}
