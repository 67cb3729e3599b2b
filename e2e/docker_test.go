package e2e

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// docker is Debian's client: /usr/local/bin/docker, where present, wants
// buildx, which these machines lack (e2e/README.md).
const docker = "/usr/bin/docker"

// label marks every container the suite starts, and ownerLabel the
// process that started it, so a run can sweep what an interrupted run
// left behind without touching a concurrent run's containers.
const label = "dockslim.e2e=1"

var (
	runID      = strconv.Itoa(os.Getpid())
	ownerLabel = "dockslim.e2e.pid=" + runID
)

// alive reports whether a process of that id runs (signal 0 probes it).
func alive(pid string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return false
	}
	err = syscall.Kill(n, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Time bounds.
const (
	buildTimeout  = 15 * time.Minute
	basesTimeout  = 25 * time.Minute
	commandBound  = 2 * time.Minute
	probeDeadline = 20 * time.Second
	runBound      = 60 * time.Second
)

// stateDir keeps the build logs of the last run (DOCKSLIM_E2E_STATE, as
// bases.sh).
func stateDir() string {
	if d := os.Getenv("DOCKSLIM_E2E_STATE"); d != "" {
		return d
	}
	return "/tmp/dockslim-e2e"
}

func dockerEnv() []string { return append(os.Environ(), "DOCKER_BUILDKIT=1") }

// command runs name args with a time bound and returns its combined output.
func command(ctx context.Context, bound time.Duration, dir, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = dockerEnv()
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s %s: timed out after %s", name, strings.Join(args, " "), bound)
	}
	return string(out), err
}

// dockerOut runs a short docker command and returns its trimmed stdout.
func dockerOut(args ...string) (string, error) {
	out, err := command(context.Background(), commandBound, "", docker, args...)
	if err != nil {
		return "", fmt.Errorf("docker %s: %v: %s", strings.Join(args, " "), err, tail(out, 10))
	}
	return strings.TrimSpace(out), nil
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// bases makes every base image present (pulled or stood in) through
// e2e/bases.sh, each reference once per run.
var bases struct {
	sync.Mutex
	done map[string]error
}

func ensureBases(t *testing.T, refs []string) {
	t.Helper()
	bases.Lock()
	defer bases.Unlock()
	if bases.done == nil {
		bases.done = map[string]error{}
	}
	var todo []string
	for _, r := range refs {
		if err, ok := bases.done[r]; ok {
			if err != nil {
				t.Fatalf("base image %s: %v", r, err)
			}
			continue
		}
		todo = append(todo, r)
	}
	if len(todo) == 0 {
		return
	}
	script, err := filepath.Abs("bases.sh")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := command(context.Background(), basesTimeout, "", script, append([]string{"--strict"}, todo...)...)
	t.Logf("bases.sh (%s):\n%s", time.Since(start).Round(time.Second), strings.TrimSpace(out))
	for _, r := range todo {
		bases.done[r] = err
	}
	if err != nil {
		t.Fatalf("e2e/bases.sh %s: %v", strings.Join(todo, " "), err)
	}
}

// build runs one bounded BuildKit build with host networking; its log is
// kept in logPath and its tail reported on failure.
func build(t *testing.T, dir, logPath string, args ...string) (time.Duration, error) {
	t.Helper()
	all := append([]string{"build", "--network", "host", "--progress", "plain"}, args...)
	all = append(all, ".")
	start := time.Now()
	out, err := command(context.Background(), buildTimeout, dir, docker, all...)
	took := time.Since(start)
	if werr := os.WriteFile(logPath, []byte(out), 0o644); werr != nil {
		t.Logf("writing %s: %v", logPath, werr)
	}
	if err != nil {
		return took, fmt.Errorf("docker %s: %v (log: %s)\n%s", strings.Join(all, " "), err, logPath, tail(out, 40))
	}
	return took, nil
}

// removeImages removes images, ignoring those already gone.
func removeImages(t *testing.T, refs ...string) {
	t.Helper()
	args := append([]string{"image", "rm", "-f"}, refs...)
	if out, err := command(context.Background(), commandBound, "", docker, args...); err != nil &&
		!strings.Contains(out, "No such image") {
		t.Logf("docker image rm %s: %v: %s", strings.Join(refs, " "), err, tail(out, 5))
	}
}

// removeContainer removes a container the suite started, whatever its state.
func removeContainer(name string) {
	_, _ = command(context.Background(), commandBound, "", docker, "rm", "-f", "--volumes", name)
}

// sweep removes what an interrupted matrix run left behind: containers
// with the suite's label and a dockslim-e2e- name, and dockslim-e2e/*
// images, whose owning process is gone. A concurrent run's (its process
// alive) and a report run's (dockslim-report-*) stay.
func sweep(t *testing.T) {
	t.Helper()
	out, err := dockerOut("ps", "-a", "--filter", "label="+label, "--filter", "name=^dockslim-e2e-",
		"--format", `{{.ID}} {{.Label "dockslim.e2e.pid"}}`)
	if err != nil {
		t.Logf("sweep: %v", err)
		return
	}
	for _, line := range strings.Split(out, "\n") {
		id, pid, _ := strings.Cut(strings.TrimSpace(line), " ")
		if id != "" && isIndex(pid) && !alive(pid) {
			t.Logf("sweep: removing container %s left by an earlier run", id)
			removeContainer(id)
		}
	}
	refs, err := dockerOut("image", "ls", "--filter", "reference=dockslim-e2e/*", "--format", "{{.Repository}}:{{.Tag}}")
	if err != nil {
		t.Logf("sweep: %v", err)
		return
	}
	var stale []string
	for _, ref := range strings.Fields(refs) {
		// Only this scheme's tags (a process id); others are not ours to judge.
		if i := strings.LastIndexByte(ref, ':'); i > 0 && isIndex(ref[i+1:]) && !alive(ref[i+1:]) {
			stale = append(stale, ref)
		}
	}
	if len(stale) > 0 {
		t.Logf("sweep: removing images left by an earlier run: %s", strings.Join(stale, " "))
		removeImages(t, stale...)
	}
}

// imageFacts are what docker image inspect says of a built image.
type imageFacts struct {
	size int64
	user string
}

func inspectImage(ref string) (imageFacts, error) {
	out, err := dockerOut("image", "inspect", "--format", "{{.Size}}|{{.Config.User}}", ref)
	if err != nil {
		return imageFacts{}, err
	}
	size, user, _ := strings.Cut(out, "|")
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return imageFacts{}, fmt.Errorf("image inspect %s: size %q", ref, size)
	}
	return imageFacts{size: n, user: user}, nil
}

// nonRootNumeric checks a USER value: numeric uid (and gid), not 0.
func nonRootNumeric(user string) error {
	if user == "" {
		return errors.New("no USER: the container runs as root")
	}
	uid, gid, hasGID := strings.Cut(user, ":")
	n, err := strconv.Atoi(uid)
	if err != nil {
		return fmt.Errorf("USER %q is not numeric", user)
	}
	if n == 0 {
		return fmt.Errorf("USER %q is root", user)
	}
	if hasGID {
		if _, err := strconv.Atoi(gid); err != nil {
			return fmt.Errorf("USER %q has a non-numeric group", user)
		}
	}
	return nil
}

// imageFiles lists every path of an image's file system (no leading
// slash; folders end in /), with the sizes of regular files. It works on
// images without a shell (scratch, distroless): docker create, then
// docker export, read as a tar stream.
func imageFiles(ref, name string) (map[string]int64, error) {
	if _, err := dockerOut("create", "--name", name, "--label", label, "--label", ownerLabel, "--network", "none", ref); err != nil {
		return nil, err
	}
	defer removeContainer(name)
	ctx, cancel := context.WithTimeout(context.Background(), commandBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, docker, "export", name)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	files := map[string]int64{}
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
		p := strings.TrimPrefix(strings.TrimPrefix(h.Name, "./"), "/")
		if h.Typeflag == tar.TypeDir && !strings.HasSuffix(p, "/") {
			p += "/"
		}
		files[p] = h.Size
	}
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("docker export %s: %v: %s", name, err, stderr.String())
	}
	if rerr != nil {
		return nil, fmt.Errorf("reading docker export of %s: %v", name, rerr)
	}
	return files, nil
}

// freePort asks the kernel for a free TCP port on the loopback interface.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// container is one running image: docker run --rm in the foreground of a
// child process, so its output is kept even when it exits early.
type container struct {
	name  string
	cmd   *exec.Cmd
	out   *syncBuffer
	done  chan error
	bound *time.Timer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs image with host networking, removed on exit, bounded by
// stop (which the caller defers) and by runBound.
func start(name, image string, env ...string) (*container, error) {
	return startWith(name, image, nil, env...)
}

// startWith is start with more `docker run` flags.
func startWith(name, image string, flags []string, env ...string) (*container, error) {
	args := []string{"run", "--rm", "--name", name, "--label", label, "--label", ownerLabel, "--network", "host"}
	args = append(args, flags...)
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, image)
	c := &container{name: name, out: &syncBuffer{}, done: make(chan error, 1)}
	c.cmd = exec.Command(docker, args...)
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	c.cmd.Env = dockerEnv()
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { c.done <- c.cmd.Wait() }()
	// The bound: whatever happens to the caller, the container goes.
	c.bound = time.AfterFunc(runBound, func() { removeContainer(name) })
	return c, nil
}

// stop removes the container and waits for the client to end.
func (c *container) stop() {
	c.bound.Stop()
	removeContainer(c.name)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
	}
}

// exited reports whether the container has ended (and how).
func (c *container) exited() (bool, error) {
	select {
	case err := <-c.done:
		c.done <- err
		return true, err
	default:
		return false, nil
	}
}

// probe GETs url until it answers 200 with a body containing want, for at
// most probeDeadline. It returns the body and the time to the first answer.
func probe(c *container, url, want string) (string, time.Duration, error) {
	client := &http.Client{
		Timeout:   2 * time.Second,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	start := time.Now()
	var last string
	for time.Since(start) < probeDeadline {
		if done, err := c.exited(); done {
			return "", 0, fmt.Errorf("the container exited (%v) before answering; its output:\n%s", err, tail(c.out.String(), 30))
		}
		resp, err := client.Get(url)
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
			last = fmt.Sprintf("%s: %s", resp.Status, tail(string(body), 5))
			if resp.StatusCode == http.StatusOK && strings.Contains(string(body), want) {
				return string(body), time.Since(start), nil
			}
		} else {
			last = err.Error()
		}
		time.Sleep(250 * time.Millisecond)
	}
	return "", 0, fmt.Errorf("GET %s: no 200 containing %q within %s; last: %s; container output:\n%s",
		url, want, probeDeadline, last, tail(c.out.String(), 30))
}
