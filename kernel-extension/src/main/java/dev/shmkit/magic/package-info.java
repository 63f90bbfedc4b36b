/** The shmkit magics ({@code %share}, {@code %unshare}, {@code %space}) as a JJava extension and an IJava bootstrap, over plain methods in {@link dev.shmkit.magic.Notebook}. */
package dev.shmkit.magic;
