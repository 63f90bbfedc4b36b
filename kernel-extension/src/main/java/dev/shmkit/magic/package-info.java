/** The shmkit magics ({@code %share}, {@code %unshare}, {@code %space}, {@code %workers}, {@code %%compare}) as a JJava extension and an IJava bootstrap, thin adapters over plain methods in {@link dev.shmkit.magic.Notebook}. */
package dev.shmkit.magic;
