package cli

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// restoreCmd restores a backup into an empty database and the data folder:
// the manifest and every file's hash are checked first, keys already in
// the folder must be the backup's, the checkpoint file keeps the later of
// the two, and the restored log is verified and compared with the log's
// last signed checkpoint.
func restoreCmd(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("restore", env)
	c.register(fs, env)
	from := fs.String("from", "", "the backup file (from bursa backup)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "bursa restore: give --from FILE")
		return errUsage
	}
	start := time.Now()
	postgres := strings.HasPrefix(c.dsn, "postgres://") || strings.HasPrefix(c.dsn, "postgresql://")
	workDir := os.TempDir()
	target := strings.TrimPrefix(c.dsn, "sqlite:")
	if !postgres {
		workDir = filepath.Dir(target)
		if err := os.MkdirAll(workDir, 0o700); err != nil {
			return err
		}
		// A leftover -wal beside a new file would be replayed into it.
		for _, p := range []string{target, target + "-wal", target + "-shm", target + "-journal"} {
			if _, err := os.Lstat(p); err == nil {
				return fmt.Errorf("%s exists: restore writes a new database only; move the old one (and its -wal, -shm files) aside first", p)
			}
		}
	}
	work, err := os.MkdirTemp(workDir, ".bursa-restore-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	m, err := unpackBackup(*from, work)
	if err != nil {
		return err
	}
	if (m.Dialect == string(db.Postgres)) != postgres {
		return fmt.Errorf("the backup is of a %s database; --db names a %s one", m.Dialect, map[bool]string{true: "postgres", false: "sqlite"}[postgres])
	}
	// Keys already in the data folder must be the backup's: another key
	// would not read this data or sign this log.
	for _, name := range []string{secretKeyFile, ledgerKeyFile} {
		got, err := os.ReadFile(filepath.Join(work, "data", name))
		if err != nil {
			continue // not in the backup
		}
		have, err := os.ReadFile(filepath.Join(c.dataDir, name))
		if err == nil && !bytes.Equal(have, got) {
			return fmt.Errorf("%s differs from the backup's %s: this data needs the backup's key; move the folder's aside if you mean to replace it", filepath.Join(c.dataDir, name), name)
		}
	}
	if postgres {
		if err := restorePostgres(ctx, env, c.dsn, filepath.Join(work, m.Database)); err != nil {
			return err
		}
	} else {
		if err := os.Rename(filepath.Join(work, m.Database), target); err != nil {
			return err
		}
		if err := syncDir(filepath.Dir(target)); err != nil {
			return err
		}
	}
	for _, name := range []string{secretKeyFile, ledgerKeyFile} {
		got, err := os.ReadFile(filepath.Join(work, "data", name))
		if err != nil {
			continue
		}
		dst := filepath.Join(c.dataDir, name)
		if _, err := os.Stat(dst); err == nil {
			continue // the same, checked above
		}
		if err := ledger.WriteFileAtomic(dst, got); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "key restored: %s\n", dst)
	}
	vkey, err := verifierKeyIn(filepath.Join(c.dataDir, ledgerKeyFile))
	if err != nil {
		return fmt.Errorf("the log's key: %w", err)
	}
	cpPath := filepath.Join(c.dataDir, checkpointFile)
	_, statErr := os.Stat(cpPath)
	hadCheckpoint := statErr == nil
	if b, err := os.ReadFile(filepath.Join(work, "data", checkpointFile)); err == nil {
		if _, err := ledger.KeepSigned(cpPath, vkey, b); err != nil {
			return fmt.Errorf("%s: %w", cpPath, err)
		}
	}
	d, err := db.Open(ctx, c.dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Migrate(ctx, c.logger(env)); err != nil {
		return err
	}
	rep, err := ledger.VerifyDBReport(ctx, d, vkey)
	if err != nil {
		return fmt.Errorf("the restored log does not verify: %w", err)
	}
	root := base64.StdEncoding.EncodeToString(rep.Tree.Hash[:])
	if rep.Tree.N != m.Ledger.Size || root != m.Ledger.Root {
		return fmt.Errorf("the restored log has %d records, root %s; the manifest says %d, root %s", rep.Tree.N, root, m.Ledger.Size, m.Ledger.Root)
	}
	fmt.Fprintf(env.Stdout, "restored: %s into %s (%s); log verified: %d records, root %s, as in the backup of %s\n",
		*from, redactDSN(c.dsn), time.Since(start).Round(time.Millisecond), rep.Tree.N, root, m.Created.Format(time.RFC3339))
	if !hadCheckpoint {
		fmt.Fprintf(env.Stdout, "warning: %s did not exist; it now holds the backup's, so the log knows only what it had signed by the backup. "+
			"If the log signed more since, get that checkpoint from a witness's state (or a verifier's) and run `bursa ledger observe FILE` before `bursa serve`\n", cpPath)
	}
	if b, err := os.ReadFile(cpPath); err == nil {
		why, _, err := ledger.Behind(ctx, d, vkey, b)
		if err != nil {
			return err
		}
		if why != "" {
			fmt.Fprintf(env.Stdout, "READ-ONLY when served: %s.\n  `bursa serve` refuses every logged write until a later copy is restored or `bursa ledger announce-loss --reason …` ends the lost history (docs/operations.md)\n", why)
		} else {
			fmt.Fprintln(env.Stdout, "the restored log holds every tree the log is known to have signed: `bursa serve` will accept writes")
		}
	}
	return nil
}

// redactDSN hides a URL's password.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxx")
			return u.String()
		}
	}
	return dsn
}

// unpackBackup reads a backup into dir, checking each file against the
// manifest, and returns the manifest.
func unpackBackup(path, dir string) (backupManifest, error) {
	var m backupManifest
	f, err := os.Open(path)
	if err != nil {
		return m, err
	}
	defer f.Close()
	tr := tar.NewReader(f)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != "MANIFEST.json" {
		return m, fmt.Errorf("%s is not a bursa backup: it does not begin with MANIFEST.json", path)
	}
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
		return m, fmt.Errorf("%s: manifest: %w", path, err)
	}
	if m.Format != backupFormat {
		return m, fmt.Errorf("%s: format %q, want %q", path, m.Format, backupFormat)
	}
	want := map[string]backupFile{}
	for _, bf := range m.Files {
		want[bf.Name] = bf
	}
	if _, ok := want[m.Database]; !ok {
		return m, fmt.Errorf("%s: the manifest lists no database file %q", path, m.Database)
	}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("%s: %w", path, err)
		}
		bf, ok := want[hdr.Name]
		if !ok {
			return m, fmt.Errorf("%s: %q is not in the manifest", path, hdr.Name)
		}
		delete(want, hdr.Name)
		dst := filepath.Join(dir, filepath.FromSlash(bf.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return m, err
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return m, err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(out, h), tr)
		if err == nil {
			err = out.Sync()
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return m, err
		}
		if n != bf.Size || hex.EncodeToString(h.Sum(nil)) != bf.SHA256 {
			return m, fmt.Errorf("%s: %s does not match the manifest (%d bytes, SHA-256 %s): the backup is damaged", path, bf.Name, bf.Size, bf.SHA256)
		}
	}
	for name := range want {
		return m, fmt.Errorf("%s: %s is missing", path, name)
	}
	return m, nil
}
