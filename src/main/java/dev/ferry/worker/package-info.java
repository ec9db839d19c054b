/** Claims jobs into free slots, keeps their leases alive, rescues expired ones, and runs each job to its outcome. */
package dev.ferry.worker;
