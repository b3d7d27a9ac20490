package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"xeploai/domain"
	"xeploai/store/postgres"
)

// runGrant gives an office's PostgreSQL role one organisation and its
// subtree on a shared server (the server then shows it nothing else), lists
// what was granted, or takes it back. Run by the tables' owner.
func runGrant(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("grant", flag.ContinueOnError)
	org := fs.String("org", "", "")
	readOnly := fs.Bool("read-only", false, "")
	revoke := fs.Bool("revoke", false, "")
	list := fs.Bool("list", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *list && (len(pos) > 0 || *org != "" || *readOnly || *revoke):
		return usagef("grant --list không nhận thêm tham số")
	case !*list && len(pos) != 1:
		return usagef("grant: cần đúng một người dùng (vai trò PostgreSQL): grant NGƯỜI-DÙNG --org MÃ [--read-only], grant NGƯỜI-DÙNG --revoke [--org MÃ], hoặc grant --list")
	case !*list && !*revoke && *org == "":
		return usagef("grant %s: cần --org MÃ (tổ chức mà người dùng này được xem và sửa, cùng các tổ chức trực thuộc)", pos[0])
	case *revoke && *readOnly:
		return usagef("grant: --revoke và --read-only không đi cùng nhau")
	}
	if !postgres.IsURL(g.db) {
		return domain.Errorf(domain.EINVALID, "--db", "grant chỉ dùng với cơ sở dữ liệu dùng chung trên máy chủ PostgreSQL (--db postgres://chủ-sở-hữu@máy-chủ/xeploai); %s là một tệp: ai mở được tệp thì thấy toàn bộ dữ liệu trong đó", g.db)
	}
	db, err := openExisting(g)
	if err != nil {
		return err
	}
	defer db.Close()
	switch {
	case *list:
		grants, err := db.Grants(ctx)
		if err != nil {
			return err
		}
		if len(grants) == 0 {
			fmt.Fprintln(e.Stdout, "Chưa cấp phạm vi cho người dùng nào (người dùng không phải chủ sở hữu không thấy dữ liệu nào).")
			return nil
		}
		w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "Người dùng\tMã\tTổ chức (cùng các tổ chức trực thuộc)\tQuyền")
		for _, gr := range grants {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", gr.Role, gr.OrgCode, gr.OrgName, rights(gr.ReadOnly))
		}
		return w.Flush()
	case *revoke:
		if err := db.RevokeScope(ctx, pos[0], *org); err != nil {
			return err
		}
		if *org != "" {
			fmt.Fprintf(e.Stdout, "Đã thu hồi của %s tổ chức %s\n", pos[0], *org)
		} else {
			fmt.Fprintf(e.Stdout, "Đã thu hồi mọi phạm vi của %s: người dùng này không còn thấy dữ liệu nào\n", pos[0])
		}
		return nil
	}
	gr, err := db.GrantScope(ctx, pos[0], *org, *readOnly)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Đã cấp cho %s: %s (mã %s) và các tổ chức trực thuộc — %s\n", gr.Role, gr.OrgName, gr.OrgCode, rights(gr.ReadOnly))
	return nil
}

func rights(readOnly bool) string {
	if readOnly {
		return "chỉ xem"
	}
	return "xem và sửa"
}
