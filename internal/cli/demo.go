package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/demo"
)

func demoCmd(ctx context.Context, args []string, env Env) error {
	var c common
	fs := newFlags("demo", env)
	c.register(fs, env)
	def := demo.Defaults()
	seed := fs.Uint64("seed", def.Seed, "random seed: the same seed gives the same province")
	seekers := fs.Int("seekers", def.Seekers, "number of job seekers")
	employers := fs.Int("employers", def.Employers, "number of employers (each posts 1–3 vacancies)")
	if err := parse(fs, args); err != nil {
		return err
	}
	log := c.logger(env)
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	start := time.Now()
	filled, err := demo.FillIfEmpty(ctx, a, demo.Config{Seed: *seed, Seekers: *seekers, Employers: *employers})
	if err != nil {
		return err
	}
	if !filled {
		return fmt.Errorf("database %s is not empty: the demo province goes only into an empty database", c.dsn)
	}
	fmt.Fprintf(env.Stdout, "demo province generated in %s (seed %d, %d seekers, %d employers); password of the demo accounts: %s\n",
		time.Since(start).Round(time.Millisecond), *seed, *seekers, *employers, demo.Password)
	return nil
}
