// Package sched is the scheduling model of a One-Stop-Shop day.
package sched
