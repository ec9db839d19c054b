/** Running Ferry: start-up report, and later retention clean-up, metrics and health. */
package dev.ferry.ops;
