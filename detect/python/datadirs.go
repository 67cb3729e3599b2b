package python

import (
	"github.com/dockslim/dockslim/detect/internal/core"
)

// dataDirs fills Details.DataDirs from the database files the
// application's code names (core.DataDirs): Django's
// `BASE_DIR / "db.sqlite3"`, a SQLAlchemy `sqlite:////data/app.db`.
func (p *state) dataDirs() {
	var found []core.DataFile
	for i, file := range p.appFiles() {
		if i%64 == 0 && p.ctx.Err() != nil {
			return
		}
		if data, err := p.src.get(file); err == nil {
			found = append(found, core.FindDataFiles(file, data)...)
		}
	}
	p.f.Details.DataDirs = p.f.DataDirs(core.AppDir, found, func(rel string) bool { return p.r.Has(rel) || p.r.HasDir(rel) })
}
