package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
)

type roleList []auth.Role

func (r *roleList) String() string { return fmt.Sprint(*r) }

func (r *roleList) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		role, ok := auth.ParseRole(strings.TrimSpace(part))
		if !ok {
			return fmt.Errorf("unknown role %q (one of %v)", part, auth.AllRoles)
		}
		*r = append(*r, role)
	}
	return nil
}

func userCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(env.Stderr, "usage: bursa user add --login L --name N --role R [--role R…]")
		return errUsage
	}
	var c common
	fs := newFlags("user add", env)
	c.register(fs, env)
	login := fs.String("login", "", "mobile number or email")
	name := fs.String("name", "", "full name")
	var roles roleList
	fs.Var(&roles, "role", "role (repeat or comma-separate): "+fmt.Sprint(auth.AllRoles))
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	password := env.Getenv("BURSA_PASSWORD")
	if password == "" {
		fmt.Fprint(env.Stderr, "password: ")
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	log := c.logger(env)
	a, err := c.open(ctx, env, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	u, err := a.Auth.Create(ctx, a.DB, auth.NewUser{Login: *login, Name: *name, Password: password, Roles: roles})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "user %d created: %s %v\n", u.ID, u.Login(), u.Roles)
	return nil
}
