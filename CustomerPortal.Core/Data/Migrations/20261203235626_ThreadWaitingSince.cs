using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThreadWaitingSince : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "WaitingSinceUtc",
                table: "MessageThreads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageThreads_DoneAtUtc_WaitingSinceUtc",
                table: "MessageThreads",
                columns: new[] { "DoneAtUtc", "WaitingSinceUtc" });

            // Threads whose last message the customer can read is the customer's: waiting since the first customer
            // message after the last answer they could read.
            migrationBuilder.Sql("""
                UPDATE MessageThreads SET WaitingSinceUtc = (
                    SELECT MIN(m.SentAtUtc) FROM Messages m
                    WHERE m.ThreadId = MessageThreads.Id AND m.AuthorKind = 'Customer'
                      AND m.Id > COALESCE((SELECT MAX(a.Id) FROM Messages a
                                           WHERE a.ThreadId = MessageThreads.Id AND a.AuthorKind <> 'Customer' AND a.IsInternalNote = 0), 0))
                WHERE LastCustomerMessageId IS NOT NULL AND LastCustomerMessageId = LastPublicMessageId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageThreads_DoneAtUtc_WaitingSinceUtc",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "WaitingSinceUtc",
                table: "MessageThreads");
        }
    }
}
