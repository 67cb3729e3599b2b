package golang

import (
	"slices"
	"testing"
)

func TestSystemPackages(t *testing.T) {
	for _, c := range []struct {
		deps                 []string
		distro               string
		build, runtime, tags []string
	}{
		{nil, "bookworm", []string{"gcc", "libc6-dev"}, nil, nil},
		{nil, "alpine", []string{"gcc", "musl-dev"}, nil, nil},
		{[]string{"github.com/confluentinc/confluent-kafka-go/v2"}, "alpine", []string{"gcc", "musl-dev"}, nil, []string{"musl"}},
		{[]string{"github.com/confluentinc/confluent-kafka-go/v2"}, "bookworm", []string{"gcc", "libc6-dev"}, nil, nil},
		{[]string{"github.com/google/gopacket"}, "bookworm", []string{"gcc", "libc6-dev", "libpcap-dev"}, []string{"libpcap0.8"}, nil},
		{[]string{"github.com/go-gl/glfw/v3.3/glfw"}, "bookworm", nil, []string{"libgl1", "libx11-6", "libxcursor1", "libxi6", "libxinerama1", "libxrandr2", "libxxf86vm1"}, nil},
	} {
		p, err := systemPackages(c.deps, true, c.distro)
		if err != nil {
			t.Fatalf("%v on %s: %v", c.deps, c.distro, err)
		}
		if c.build != nil && !slices.Equal(p.Build, c.build) || !slices.Equal(p.Runtime, c.runtime) || !slices.Equal(p.BuildTags, c.tags) {
			t.Errorf("%v on %s: %+v", c.deps, c.distro, p)
		}
	}
	if p, _ := systemPackages(nil, false, "bookworm"); len(p.Build)+len(p.Runtime) != 0 {
		t.Errorf("pure Go needs %+v", p)
	}
}
