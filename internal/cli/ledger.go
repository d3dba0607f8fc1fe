package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// The files of the data folder.
const (
	secretKeyFile  = "secret.key"        // encrypts NIKs and complaints
	ledgerKeyFile  = "ledger.key"        // signs the transparency log
	checkpointFile = "ledger.checkpoint" // the last checkpoint the log signed
)

// openLog opens the transparency log over d with the key in the data
// folder, in the epoch the database is in, and checks the database against
// the last checkpoint the log signed (kept beside the key): a database that
// is behind it is frozen, and says so in the log.
func (c *common) openLog(ctx context.Context, env Env, d *db.DB, log *slog.Logger) (*ledger.Log, error) {
	origin := env.Getenv("BURSA_LEDGER_ORIGIN")
	if origin == "" {
		origin = "bursa.banten.go.id/ledger"
	}
	signer, vkey, err := ledger.LoadKey(filepath.Join(c.dataDir, ledgerKeyFile), origin)
	if err != nil {
		return nil, err
	}
	// Witnesses whose cosignatures the log accepts: their verifier keys,
	// separated by spaces or commas.
	witnesses := strings.FieldsFunc(env.Getenv("BURSA_LEDGER_WITNESSES"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' })
	for _, k := range witnesses {
		// A bad key found only when a witness posts would refuse every
		// witness's cosignature; say so at start instead.
		if _, err := ledger.NewCosignatureVerifier(k); err != nil {
			return nil, fmt.Errorf("BURSA_LEDGER_WITNESSES: key %q: %w", k, err)
		}
	}
	l := &ledger.Log{DB: d, Signer: signer, VerifierKey: vkey, Witnesses: witnesses, Now: time.Now,
		SignedPath: filepath.Join(c.dataDir, checkpointFile)}
	st, err := l.Start(ctx)
	if err != nil {
		return nil, err
	}
	// Records from before the log had its index by object get indexed once.
	if n, err := ledger.BackfillIndex(ctx, d); err != nil {
		return nil, err
	} else if n > 0 {
		log.Info("ledger: indexed earlier records by object", "records", n)
	}
	// Witnesses that listen (bursa witness --listen) are asked for the
	// last checkpoint they cosigned before anything is signed: a restored
	// older copy whose checkpoint file was lost too freezes now, not when
	// a witness next polls.
	if urls := strings.FieldsFunc(env.Getenv("BURSA_LEDGER_WITNESS_URLS"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }); len(urls) > 0 {
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		asked, skipped, err := l.AskWitnesses(actx, ledger.NewHTTPClient(), urls)
		cancel()
		var fe *ledger.FrozenError
		if err != nil && !errors.As(err, &fe) {
			return nil, err
		}
		for _, s := range skipped {
			log.Warn("ledger: witness not asked", "witness", s)
		}
		log.Info("ledger: witnesses asked at start", "answered", asked, "of", len(urls))
		if st, err = l.Guard(ctx); err != nil {
			return nil, err
		}
	}
	if st.Started && st.Signed != "" {
		log.Warn("ledger: no record of the last signed checkpoint was kept outside the database; starting one from the database's latest",
			"file", l.SignedPath)
	}
	if st.Frozen != "" {
		log.Error("ledger: read-only, every write that goes into the log is refused", "reason", st.Frozen)
	}
	return l, nil
}

// ledgerCmd runs `bursa ledger status|announce-loss|observe`.
func ledgerCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return errUsage
	}
	var c common
	fs := newFlags("ledger "+args[0], env)
	c.register(fs, env)
	reason := fs.String("reason", "", "announce-loss: why the history was lost (one line, public for good)")
	switch args[0] {
	case "status", "announce-loss", "observe":
	default:
		fmt.Fprintf(env.Stderr, "bursa ledger: unknown command %q\n", args[0])
		return errUsage
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	log := c.logger(env)
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	l := a.Ledger
	switch args[0] {
	case "announce-loss":
		if *reason == "" {
			fmt.Fprintln(env.Stderr, "bursa ledger announce-loss: give --reason, one line that says what happened; it is public for good")
			return errUsage
		}
		n, err := l.AnnounceLoss(ctx, *reason)
		if errors.Is(err, ledger.ErrNothingLost) {
			return err
		}
		if err != nil {
			return fmt.Errorf("announce the loss: %w", err)
		}
		fmt.Fprintf(env.Stdout, "loss announced: %s are gone (the last checkpoint signed was %s).\n", n.LostRange(), n.Lost)
		fmt.Fprintf(env.Stdout, "the log continues as %s from record %d, the signed notice (GET /ledger/notices); writes are accepted again.\n", n.Next, n.Kept.N)
		fmt.Fprintf(env.Stdout, "new verifier key: %s\n", n.NextKey)
		fmt.Fprintln(env.Stdout, "restart every `bursa serve` of this database; tell witnesses and verifiers: `bursa verify --url` follows the notice from the old key.")
		return nil
	case "observe":
		if fs.NArg() != 1 {
			fmt.Fprintln(env.Stderr, "bursa ledger observe: give one file: a checkpoint, or a witness's or verifier's state (JSON)")
			return errUsage
		}
		msg, err := readCheckpointArg(fs.Arg(0))
		if err != nil {
			return err
		}
		err = l.Observe(ctx, msg)
		var fe *ledger.FrozenError
		if errors.As(err, &fe) {
			fmt.Fprintf(env.Stdout, "read-only: %s\n", fe.Reason)
			return nil
		}
		if err != nil {
			return fmt.Errorf("observe: %w", err)
		}
		fmt.Fprintln(env.Stdout, "ok: the database holds that checkpoint's tree, or a loss notice covers it")
		return nil
	}
	s, err := ledger.Describe(ctx, a.DB)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "origin:  %s\nrecords: %d\nroot:    %s\n", l.Origin(), s.Size, base64.StdEncoding.EncodeToString(s.Root[:]))
	if b, err := os.ReadFile(l.SignedPath); err == nil {
		fmt.Fprintf(env.Stdout, "last signed (%s): %s\n", l.SignedPath, strings.Join(strings.SplitN(string(b), "\n", 4)[:3], " "))
	}
	ns, err := ledger.Notices(ctx, a.DB)
	if err != nil {
		return err
	}
	for _, e := range ns {
		fmt.Fprintf(env.Stdout, "epoch %d: %s from record %d (%s)\n", e.Epoch, e.Origin, e.Record, e.At.UTC().Format(time.RFC3339))
	}
	if s.Frozen != "" {
		fmt.Fprintf(env.Stdout, "READ-ONLY: %s\n", s.Frozen)
		return nil
	}
	fmt.Fprintln(env.Stdout, "writes: accepted")
	return nil
}

// readCheckpointArg reads a signed checkpoint from a file: the note itself,
// or the JSON state of `bursa witness` or `bursa verify` that holds it.
func readCheckpointArg(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var st ledger.State
	if json.Unmarshal(b, &st) == nil && st.Checkpoint != "" {
		return []byte(st.Checkpoint), nil
	}
	return b, nil
}
