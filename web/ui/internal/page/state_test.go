package page_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"gonn/web/ui/internal/page"
)

func TestState_Idle(t *testing.T) {
	tests := []struct {
		state page.State
		idle  bool
	}{
		{page.Preparing, false},
		{page.Running, false},
		{page.Pausing, false},
		{page.Paused, true},
		{page.Finishing, false},
		{page.Done, true},
		{page.Failed, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.idle, tt.state.Idle(), "state %d", tt.state)
	}
}

func TestReadyText(t *testing.T) {
	tests := []struct {
		version  string
		inWorker bool
		loadMs   float64
		want     string
	}{
		{"0.1.0", true, 41.4, "Engine gonn 0.1.0 ready in a Web Worker (loaded in 41 ms)."},
		{"dev", false, 7.6, "Engine gonn dev ready on this page's thread (loaded in 8 ms)."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, page.ReadyText(tt.version, tt.inWorker, tt.loadMs))
	}
}
