package vacancy_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestWhoMayDoWhat is the role × action table of jobs, asked of the domain
// methods both doors call. "404" for a role that may do the thing but not
// to this object (another company's vacancy, another seeker's application),
// "403" for a role that may never, "401" for nobody; "own" and "province"
// say which report a reader gets.
func TestWhoMayDoWhat(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		ctx := f.ctx
		if err := f.es.Decide(ctx, f.emp.ID, f.officer.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		user := func(login string, role auth.Role) *auth.User {
			t.Helper()
			u, err := f.a.Create(ctx, d, auth.NewUser{Login: login, Name: "Pengguna " + login, Password: "rahasia-123", Roles: []auth.Role{role}})
			if err != nil {
				t.Fatal(err)
			}
			return &u
		}
		company := func(hr *auth.User, name, nib string) employer.Employer {
			t.Helper()
			e, err := f.es.Register(ctx, d, hr.ID, employer.Input{Name: name, NIB: nib, KBLISection: "C", SizeClass: employer.Besar,
				Region: "3604", Address: "Jl. Raya Serang km 10", ContactName: "HRD", ContactPhone: "081234567890"})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		jobSeeker := func(u *auth.User, nik, domicile string) seeker.Seeker {
			t.Helper()
			sk, _, err := f.ss.Register(ctx, d, u.ID, seeker.Input{NIK: nik, Profile: seeker.Profile{FullName: "Pencari Uji",
				DomicileRegion: domicile, Education: "smk", Discoverable: true}})
			if err != nil {
				t.Fatal(err)
			}
			return sk
		}
		otherHR := user("hrd@lain.test", auth.Perusahaan)
		other := company(otherHR, "PT Lain Sekali", "9000000000001")
		if err := f.es.Decide(ctx, other.ID, f.officer.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		newHR := user("hrd@baru.test", auth.Perusahaan) // no company yet
		pending := company(user("hrd@menunggu.test", auth.Perusahaan), "PT Menunggu", "9000000000002")
		pencari, otherPencari := user("081300000101", auth.Pencari), user("081300000102", auth.Pencari)
		jobSeeker(pencari, "3672015503000042", "3672") // NIK and domicile agree: a card at once
		invitee := jobSeeker(otherPencari, "3604010708980002", "3604")
		waiting := jobSeeker(user("081300000103", auth.Pencari), "3604010708980003", "3672") // waits for an officer's card
		petugas, analis, admin := f.officer, user("analis@uji.test", auth.Analis), user("admin@uji.test", auth.Admin)

		v, err := f.vs.Create(ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		app, err := f.vs.Apply(ctx, pencari, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}

		roles := []struct {
			name string
			u    *auth.User
		}{
			{"pencari", pencari}, {"other pencari", otherPencari}, {"perusahaan owner", f.hr}, {"other perusahaan", otherHR},
			{"perusahaan without company", newHR}, {"petugas", petugas}, {"analis", analis}, {"admin", admin}, {"anonymous", nil},
		}
		outcome := func(err error) string {
			switch k := fail.KindOf(err); {
			case err == nil:
				return "ok"
			case k == fail.Internal:
				return err.Error()
			default:
				return strconv.Itoa(k.Status())
			}
		}
		today := f.now.Format("2006-01-02")
		actions := []struct {
			name string
			do   func(u *auth.User) string
			want []string // in the order of roles
		}{
			{"create vacancy", func(u *auth.User) string { _, err := f.vs.Create(ctx, u, f.input(), false); return outcome(err) },
				[]string{"403", "403", "ok", "ok", "422", "403", "403", "403", "401"}},
			{"edit vacancy", func(u *auth.User) string { return outcome(f.vs.Update(ctx, u, v.ID, f.input())) },
				[]string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"list applicants", func(u *auth.User) string {
				_, _, err := f.vs.Applicants(ctx, u, v.ID, vacancy.ApplicantQuery{})
				return outcome(err)
			},
				[]string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"mark applications seen", func(u *auth.User) string { _, err := f.vs.MarkSeen(ctx, u, v.ID); return outcome(err) },
				[]string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"move application", func(u *auth.User) string {
				_, err := f.vs.Move(ctx, u, app.ID, vacancy.Interview, "")
				return outcome(err)
			}, []string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"report hire", func(u *auth.User) string {
				_, err := f.vs.ReportHire(ctx, u, app.ID, today, 5600000)
				return outcome(err)
			}, []string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"invite candidate", func(u *auth.User) string { return outcome(f.vs.Invite(ctx, u, v.ID, invitee.ID)) },
				[]string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"read candidates", func(u *auth.User) string { _, err := f.vs.Candidates(ctx, u, v.ID, 10); return outcome(err) },
				[]string{"403", "403", "ok", "404", "404", "403", "403", "403", "401"}},
			{"read receipt", func(u *auth.User) string { _, err := f.vs.ReceiptFor(ctx, u, app.ID); return outcome(err) },
				[]string{"ok", "404", "403", "403", "403", "403", "403", "403", "401"}},
			{"issue AK/1", func(u *auth.User) string { _, err := f.ss.Issue(ctx, u, waiting.ID); return outcome(err) },
				[]string{"403", "403", "403", "403", "403", "ok", "403", "403", "401"}},
			{"verify employer", func(u *auth.User) string { return outcome(f.es.DecideAs(ctx, u, pending.ID, true, "")) },
				[]string{"403", "403", "403", "403", "403", "ok", "403", "ok", "401"}},
			{"read province report", func(u *auth.User) string {
				r, err := f.vs.ReportFor(ctx, u, "", "", "")
				switch {
				case err != nil:
					return outcome(err)
				case r.Province:
					return "province"
				}
				return "own"
			}, []string{"403", "403", "own", "own", "404", "province", "province", "province", "401"}},
		}
		for _, a := range actions {
			for i, r := range roles {
				if got := a.do(r.u); got != a.want[i] {
					t.Errorf("%s as %s: %s, want %s", a.name, r.name, got, a.want[i])
				}
			}
		}

		// The refusals changed nothing: the one move and the one hire
		// report are the owner's (the report waits for the worker, so
		// the application is "ditawari"), and one invitation was sent.
		got, err := f.vs.Application(ctx, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, e := range got.Events {
			steps = append(steps, e.Status)
		}
		if fmt.Sprint(steps) != "[dikirim dilihat wawancara ditawari]" {
			t.Errorf("timeline %v", steps)
		}
		if inv, _ := f.vs.Invited(ctx, v.ID); len(inv) != 1 || inv[invitee.ID] != vacancy.InvitationOpen {
			t.Errorf("invitations %v", inv)
		}
	})
}

// TestNextStages: the move control offers only forward stages and a
// rejection, never "diterima" (a hire is reported) and nothing from a final
// status.
func TestNextStages(t *testing.T) {
	for from, want := range map[string]string{
		vacancy.Sent:        "dilihat diseleksi wawancara ditawari ditolak",
		vacancy.Shortlisted: "wawancara ditawari ditolak",
		vacancy.Offered:     "ditolak",
		vacancy.Hired:       "",
		vacancy.Rejected:    "",
	} {
		if got := strings.Join(vacancy.NextStages(from), " "); got != want {
			t.Errorf("NextStages(%s) = %q, want %q", from, got, want)
		}
	}
}
