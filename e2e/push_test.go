package e2e

// What a registry receives after a one-line source edit (issue 15): the
// layers of the rebuilt image whose digest changed, with their sizes as
// `docker save` holds them (uncompressed layer tars) and gzipped at
// gzip's default level, as `docker push` compresses them. The app's own
// output — the files of the image that the edit can change (the binary,
// the build output, the sources) — is measured the same way, as one tar
// of those files, gzipped: the push goal compares the two.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Push is the push cost of one edit.
type Push struct {
	// Layers is the image's layer count; OverBase the layers its
	// Dockerfile adds to the final base.
	Layers   int `json:"layers"`
	OverBase int `json:"layers_over_base"`
	// Changed counts the layers whose digest differs after the edit;
	// TarBytes and GzipBytes are their sizes.
	Changed   int   `json:"changed_layers"`
	TarBytes  int64 `json:"changed_tar_bytes"`
	GzipBytes int64 `json:"changed_gzip_bytes"`
}

// imageLayers lists an image's layer digests (diff IDs), base first.
func imageLayers(ref string) ([]string, error) {
	out, err := dockerOut("image", "inspect", "--format", "{{json .RootFS.Layers}}", ref)
	if err != nil {
		return nil, err
	}
	var layers []string
	if err := json.Unmarshal([]byte(out), &layers); err != nil {
		return nil, fmt.Errorf("image inspect %s: layers %q: %v", ref, out, err)
	}
	return layers, nil
}

// pushCost compares the layers of ref after an edit with before (the
// layers it had before the edit) and sizes the new ones from `docker
// save`. base is the final base's layer count.
func pushCost(ref string, before []string, base int) (*Push, error) {
	after, err := imageLayers(ref)
	if err != nil {
		return nil, err
	}
	old := map[string]bool{}
	for _, l := range before {
		old[l] = true
	}
	p := &Push{Layers: len(after), OverBase: len(after) - base}
	changed := map[int]bool{}
	for i, l := range after {
		if !old[l] {
			changed[i] = true
		}
	}
	p.Changed = len(changed)
	if len(changed) == 0 {
		return p, nil
	}
	p.TarBytes, p.GzipBytes, err = savedLayerSizes(ref, changed)
	return p, err
}

// savedLayerSizes saves ref to a file and sizes the layers at the given
// positions: manifest.json lists the layer files in RootFS order, in the
// legacy (<id>/layer.tar) and the OCI (blobs/sha256/…) layout alike.
func savedLayerSizes(ref string, positions map[int]bool) (tarBytes, gzBytes int64, err error) {
	f, err := os.CreateTemp("", "dockslim-push-*.tar")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), commandBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, docker, "save", ref)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &stderr
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("docker save %s: %v: %s", ref, err, stderr.String())
	}
	var manifest []struct{ Layers []string }
	if err := readSaved(f, func(name string, r io.Reader) error {
		if name != "manifest.json" {
			return nil
		}
		return json.NewDecoder(r).Decode(&manifest)
	}); err != nil {
		return 0, 0, err
	}
	if len(manifest) != 1 {
		return 0, 0, fmt.Errorf("docker save %s: %d manifests", ref, len(manifest))
	}
	want := map[string]bool{}
	for i, l := range manifest[0].Layers {
		if positions[i] {
			want[filepath.Clean(l)] = true
		}
	}
	err = readSaved(f, func(name string, r io.Reader) error {
		if !want[filepath.Clean(name)] {
			return nil
		}
		delete(want, filepath.Clean(name)) // a layer shared by two positions is pushed once
		n, z, err := gzipSize(r)
		tarBytes += n
		gzBytes += z
		return err
	})
	return tarBytes, gzBytes, err
}

// readSaved calls fn for each file of the saved tar f.
func readSaved(f *os.File, fn func(name string, r io.Reader) error) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag == tar.TypeReg {
			if err := fn(h.Name, tr); err != nil {
				return err
			}
		}
	}
}

// countWriter counts what is written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// gzipSize reads r to the end: its size, and its size gzipped at the
// default level.
func gzipSize(r io.Reader) (raw, gz int64, err error) {
	var cw countWriter
	zw := gzip.NewWriter(&cw)
	raw, err = io.Copy(zw, r)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return raw, cw.n, err
}

// ownOutput is the app's own output in an image: the files matching own
// (path.Match patterns of a path or a parent, as `matching` reads them)
// and no pattern of exclude, written as one tar; its size and gzipped
// size. It reads `docker export`, so it works on images without a shell.
func ownOutput(ref, name string, own, exclude []string) (tarBytes, gzBytes int64, err error) {
	if _, err := dockerOut("create", "--name", name, "--label", label, "--label", ownerLabel, "--network", "none", ref); err != nil {
		return 0, 0, err
	}
	defer removeContainer(name)
	ctx, cancel := context.WithTimeout(context.Background(), commandBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, docker, "export", name)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	var raw, gz countWriter
	zw := gzip.NewWriter(&gz)
	tw := tar.NewWriter(io.MultiWriter(&raw, zw))
	tr := tar.NewReader(out)
	var rerr error
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			rerr = err
			break
		}
		p := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(h.Name, "./"), "/"), "/")
		one := map[string]int64{p: 0}
		if !anyMatch(one, own) || anyMatch(one, exclude) {
			continue
		}
		if rerr = tw.WriteHeader(h); rerr != nil {
			break
		}
		if _, rerr = io.Copy(tw, tr); rerr != nil {
			break
		}
	}
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return 0, 0, fmt.Errorf("docker export %s: %v: %s", name, err, stderr.String())
	}
	if rerr != nil {
		return 0, 0, fmt.Errorf("reading docker export of %s: %v", name, rerr)
	}
	if err := tw.Close(); err != nil {
		return 0, 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return raw.n, gz.n, nil
}

// anyMatch reports whether the one path of files matches a pattern.
func anyMatch(files map[string]int64, patterns []string) bool {
	for _, p := range patterns {
		if len(matching(files, p)) > 0 {
			return true
		}
	}
	return false
}

// appReport is the report of app.
func appReport(rep *Report, app string) *AppReport {
	for _, ar := range rep.Apps {
		if ar.App == app {
			return ar
		}
	}
	panic("no report for " + app)
}

// prefixed puts prefix before each of xs.
func prefixed(prefix string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = prefix + x
	}
	return out
}

// pushGoals are issue 15's goals for one app: the push after an edit
// within pushLimit × the app's own output and never more than any other
// Dockerfile's; the warm rebuild within warmSlack × the fastest peer's.
func pushGoals(ar *AppReport, ds *Variant) []Goal {
	var out []Goal
	if ds.Push == nil || ar.OwnGzipBytes == 0 {
		return append(out, Goal{Goal: fmt.Sprintf("push after an edit ≤ %.1f × the app's own output", pushLimit), App: ar.App,
			Detail: "not measured"})
	}
	ratio := float64(ds.Push.GzipBytes) / float64(ar.OwnGzipBytes)
	out = append(out, Goal{Goal: fmt.Sprintf("push after an edit ≤ %.1f × the app's own output", pushLimit), App: ar.App,
		Met:    ratio <= pushLimit,
		Detail: fmt.Sprintf("%s pushed (%d layers) / %s own output, gzipped = %.2f×", human(ds.Push.GzipBytes), ds.Push.Changed, human(ar.OwnGzipBytes), ratio)})
	var fastest *Variant
	for _, v := range ar.Variants {
		if v.Role == "dockslim" || !v.works() || v.Push == nil {
			continue
		}
		out = append(out, Goal{Goal: "never more push bytes after an edit than " + v.Name, App: ar.App,
			Met:    ds.Push.GzipBytes <= v.Push.GzipBytes,
			Detail: fmt.Sprintf("dockslim %s vs %s %s (gzipped)", human(ds.Push.GzipBytes), v.Name, human(v.Push.GzipBytes))})
		if v.Role == "peer" && (fastest == nil || v.WarmMedian < fastest.WarmMedian) {
			fastest = v
		}
	}
	if fastest != nil {
		out = append(out, Goal{Goal: fmt.Sprintf("warm rebuild ≤ %.1f × the fastest peer's", warmSlack), App: ar.App,
			Met: ds.WarmMedian <= warmSlack*fastest.WarmMedian,
			Detail: fmt.Sprintf("median: dockslim %.2f s vs %s %.2f s (%.2f×)", ds.WarmMedian, fastest.Name, fastest.WarmMedian,
				ds.WarmMedian/fastest.WarmMedian)})
	}
	return out
}
