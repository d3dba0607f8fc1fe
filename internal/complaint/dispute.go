package complaint

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/valid"
)

// DisputeInput registers an industrial dispute whose bipartite talks have
// begun.
type DisputeInput struct {
	Type         string // one of DisputeTypes
	EmployerID   int64
	EmployerName string
	Region       string
	Narrative    string
	// BipartiteStarted is the day of the first bipartite meeting
	// (YYYY-MM-DD): the 30 working days of UU 2/2004 Pasal 3 count from it.
	BipartiteStarted string
	// UnionName: the union that is a party (required for antar_serikat).
	UnionName       string
	WorkersAffected int
	// Files are evidence, as for complaints; the caller closes them.
	Files []Upload
}

// OpenDispute registers a dispute by a worker or a union officer; it runs
// bipartit → dicatat → mediasi → anjuran → perjanjian_bersama or
// gugatan_phi (or konsiliasi_arbitrase), with the same deadline machinery
// as inspections. The parties are known to each other, so there is no
// anonymous dispute; the narrative and the party's identity are still
// sealed and only the mediator and their supervisor open them.
func (s *Store) OpenDispute(ctx context.Context, u *auth.User, in DisputeInput) (Receipt, error) {
	if err := disputeParties.check(u); err != nil {
		return Receipt{}, err
	}
	var errs valid.Errors
	f := filing{kind: KindDispute, category: KindDispute, via: ViaAccount, openState: Bipartit,
		openReason: "perundingan bipartit dicatat", reporterKey: s.userKey(u.ID), filedBy: u.ID}
	if !contains(DisputeTypes, in.Type) {
		errs.Add("type", "choose_one")
	}
	f.disputeType = in.Type
	if err := s.checkEmployer(ctx, &errs, &f, in.EmployerID, in.EmployerName, in.Region, true); err != nil {
		return Receipt{}, err
	}
	f.narrative.Text = checkNarrative(&errs, in.Narrative)
	f.openFrom = s.checkDate(&errs, "bipartite_started", in.BipartiteStarted)
	f.happened = f.openFrom
	f.identity = &Identity{UserID: u.ID, Name: u.Name, Contact: u.Login()}
	if name := cleanText(in.UnionName); name != "" || in.Type == DisputeInterUnion {
		switch {
		case !unionOfficers.allows(u):
			errs.Add("union_name", "members_need_serikat")
		case utf8.RuneCountInString(name) < 2:
			errs.Add("union_name", "required")
		case utf8.RuneCountInString(name) > 160:
			errs.Add("union_name", "too_long", "max", 160)
		}
		f.via, f.identity.UnionName, f.unionKey = ViaUnion, name, s.unionKey(name)
	}
	f.workers = max(in.WorkersAffected, 1)
	if in.WorkersAffected < 0 || in.WorkersAffected > 100_000 {
		errs.Add("workers_affected", "workers_invalid")
	}
	files, err := s.cleanFiles(ctx, &errs, in.Files)
	defer closeCleaned(files)
	if err != nil {
		return Receipt{}, err
	}
	f.files = files
	if err := errs.Err(); err != nil {
		return Receipt{}, err
	}
	r, err := s.store(ctx, f)
	if err != nil {
		return Receipt{}, fmt.Errorf("open dispute: %w", err)
	}
	return r, nil
}
