// Package sim is the One-Stop-Shop day simulator.
package sim
