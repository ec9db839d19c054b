/** Jobs and their files: the state machine, all SQL for jobs, and create, read, list and delete. Depends on no other feature. */
package dev.ferry.job;
