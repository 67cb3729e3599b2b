package core

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dockslim/dockslim/internal/versions"
)

// Flavours of base image, as Facts.Flavour(s), --flavour and the answers
// spell them.
const (
	Alpine     = "alpine"
	Slim       = "slim"
	Scratch    = "scratch"
	Distroless = "distroless"
)

// FlavourNames lists the flavours in canonical order: the order they are
// listed in after the recommended one.
func FlavourNames() []string { return []string{Alpine, Slim, Scratch, Distroless} }

// DescribeFlavour says in one line what a flavour is, for people
// choosing one.
func DescribeFlavour(f string) string {
	switch f {
	case Alpine:
		return "smallest, musl — native addons must build on musl"
	case Slim:
		return "glibc, safest with native modules"
	case Scratch:
		return "the binary alone — no shell, needs CGO off"
	case Distroless:
		return "no shell, non-root, CA certs and tzdata included"
	}
	return ""
}

// Traits are what decides which flavours can run a project; detection
// and answers both have them.
type Traits struct {
	Framework string
	// Native is true when native code is built (addons, C extensions,
	// cgo): builder and runtime must then share a libc.
	Native     bool
	NativeDeps []string
	// Start is the container's command.
	Start []string
}

// FlavourRule is one flavour's rule for one language.
type FlavourRule struct {
	Name string
	// Never says why no project of the language can use the flavour; ""
	// when some can.
	Never string
	// Unless says why a project with these traits cannot use it, "" when
	// it can; nil when every project can.
	Unless func(Traits) string
}

// distrolessHas are the runtime packages distroless images carry.
var distrolessHas = []string{"openssl", "ca-certificates"}

// distrolessDistro is the distribution distroless images are built on,
// read once from the embedded versions table (which never changes while
// dockslim runs): the policy is asked on every keystroke of the form.
var distrolessDistro = sync.OnceValues(func() (string, error) {
	tab, err := versions.Load()
	if err != nil {
		return "", err
	}
	return tab.Images["distrolessBase"].Distro, nil
})

// Why says why flavour f cannot run a project of l with traits t, as a
// clause a message can end with; "" when it can. This is the one home of
// the flavour policy: detection's list, --flavour's check, the answers'
// check, the form's options and a pack's default all come from it.
func Why(l *Language, t Traits, f string) string {
	i := slices.IndexFunc(l.Flavours, func(r FlavourRule) bool { return r.Name == f })
	if i < 0 {
		return fmt.Sprintf("%q is not a flavour", f)
	}
	r := l.Flavours[i]
	if r.Never != "" {
		return r.Never
	}
	if r.Unless != nil {
		if why := r.Unless(t); why != "" {
			return why
		}
	}
	if f == Distroless {
		// Distroless has no package manager: what the runtime needs
		// beyond what the image carries cannot be installed there.
		distro, err := distrolessDistro()
		if err != nil {
			return err.Error()
		}
		pkgs, err := l.SystemPackages(t.NativeDeps, t.Native, distro)
		if err != nil {
			return err.Error()
		}
		if missing := slices.DeleteFunc(slices.Clone(pkgs.Runtime), func(p string) bool { return slices.Contains(distrolessHas, p) }); len(missing) > 0 {
			return "distroless cannot install the runtime packages " + strings.Join(missing, ", ")
		}
	}
	return ""
}

// Allowed lists the flavours that can run a project of l with traits t:
// the recommended one first, then the others in canonical order.
func Allowed(l *Language, t Traits) []string {
	var works []string
	for _, r := range l.Flavours {
		if Why(l, t, r.Name) == "" {
			works = append(works, r.Name)
		}
	}
	if rec := l.Recommend(t); slices.Contains(works, rec) {
		works = append([]string{rec}, slices.DeleteFunc(works, func(f string) bool { return f == rec })...)
	}
	return works
}

// Possible lists the flavours some project of l can use, in canonical
// order.
func Possible(l *Language) []string {
	var out []string
	for _, r := range l.Flavours {
		if r.Never == "" {
			out = append(out, r.Name)
		}
	}
	return out
}

// TraitsOf are the flavour traits of detected facts.
func TraitsOf(f *Facts) Traits {
	return Traits{Framework: f.Framework, Native: len(f.NativeDeps) > 0 || f.CGO, NativeDeps: f.NativeDeps, Start: f.Start}
}

// SetFlavours fills in Flavours and Flavour from the policy.
func SetFlavours(l *Language, f *Facts) {
	f.Flavours = Allowed(l, TraitsOf(f))
	f.Flavour = ""
	if len(f.Flavours) > 0 {
		f.Flavour = f.Flavours[0]
	}
}
