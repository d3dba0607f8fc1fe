package demo

import (
	"context"
	"fmt"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
)

// Home is the page each demo role starts from, which its welcome notice
// links to.
var Home = map[auth.Role]string{
	auth.Pencari: "/pencari", auth.Perusahaan: "/perusahaan", auth.Lembaga: "/lembaga", auth.Pengawas: "/pengawasan",
	auth.Mediator: "/pengawasan", auth.Serikat: "/pengaduan/saya", auth.Analis: "/kesenjangan", auth.Petugas: "/petugas",
	auth.Admin: "/admin/petugas",
}

// verifiedEmails makes every demo login count as a verified email the
// account consented to, so `serve --demo --smtp …` delivers real mail to
// it. It runs before the stores' event flows, whose notices then go out by
// email too.
func (g *gen) verifiedEmails(ids map[auth.Role]int64) error {
	contacts := db.NewBulk(g.tx, "contacts", "user_id", "kind", "address", "verified_at", "created_at")
	consents := db.NewBulk(g.tx, "consents", "user_id", "channel", "granted", "at")
	for _, acc := range Accounts() {
		if err := contacts.Add(g.ctx, ids[acc.Role], "email", acc.Login, g.now, g.now); err != nil {
			return err
		}
		if err := consents.Add(g.ctx, ids[acc.Role], string(notify.Email), true, g.now); err != nil {
			return err
		}
	}
	if err := contacts.Flush(g.ctx); err != nil {
		return err
	}
	return consents.Flush(g.ctx)
}

// demoNotices fills the demo accounts' inboxes: the notices the demo
// seeker's and the demo company's applications would have caused (the
// generator writes those in bulk, past the store), and a welcome for every
// role, so each demo login opens an inbox with something in it.
func demoNotices(ctx context.Context, a *app.Services, ids map[auth.Role]int64) error {
	return a.DB.InTx(ctx, func(tx *db.Tx) error {
		// The demo seeker's applications, each step after it was sent.
		rows, err := tx.QueryContext(ctx, `SELECT a.id, ev.status, ev.reason FROM applications a JOIN seekers s ON s.id = a.seeker_id
			JOIN application_events ev ON ev.application_id = a.id
			WHERE s.user_id = ? AND ev.status <> ? ORDER BY ev.at, ev.id`, ids[auth.Pencari], "dikirim")
		if err != nil {
			return fmt.Errorf("demo notices: %w", err)
		}
		type step struct {
			app            int64
			status, reason string
		}
		var steps []step
		for rows.Next() {
			var s step
			if err := rows.Scan(&s.app, &s.status, &s.reason); err != nil {
				rows.Close()
				return err
			}
			steps = append(steps, s)
		}
		rows.Close()
		for _, s := range steps {
			if err := a.Vacancies.NoticeMoved(ctx, tx, s.app, s.status, s.reason); err != nil {
				return err
			}
		}
		// The demo company's newest applications.
		rows, err = tx.QueryContext(ctx, `SELECT a.id, a.vacancy_id FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
			JOIN employers e ON e.id = v.employer_id WHERE e.owner_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 5`, ids[auth.Perusahaan])
		if err != nil {
			return fmt.Errorf("demo notices: %w", err)
		}
		var apps [][2]int64
		for rows.Next() {
			var x [2]int64
			if err := rows.Scan(&x[0], &x[1]); err != nil {
				rows.Close()
				return err
			}
			apps = append(apps, x)
		}
		rows.Close()
		for _, x := range apps {
			if err := a.Vacancies.NoticeApplied(ctx, tx, x[0], x[1]); err != nil {
				return err
			}
		}
		for _, acc := range Accounts() {
			if _, err := a.Notify.Send(ctx, tx, notify.Notice{To: ids[acc.Role], Kind: notify.Account,
				Title: "event.welcome.title", Body: "event.welcome.body", Args: []any{"home", Home[acc.Role]},
				URL: Home[acc.Role], Dedupe: "welcome"}); err != nil {
				return err
			}
		}
		return nil
	})
}
