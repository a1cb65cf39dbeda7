using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestsReviewsProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AlternativeDate",
                table: "ServiceRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AlternativeTimeWindow",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactBy",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactPhone",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAtUtc",
                table: "ServiceRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "EstimateId",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServiceAddressId",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "ServiceRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AuthorName",
                table: "Reviews",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "FollowedUpAtUtc",
                table: "Reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowedUpBy",
                table: "Reviews",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ReplyThreadId",
                table: "Reviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "PortalUsers",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsPendingReview",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The statuses before this change: "Reviewed" and "Scheduled" both mean staff are looking at it.
            migrationBuilder.Sql("UPDATE \"ServiceRequests\" SET \"Status\" = 'InReview' WHERE \"Status\" IN ('Reviewed', 'Scheduled');");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_EstimateId",
                table: "ServiceRequests",
                column: "EstimateId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Status_CreatedAtUtc",
                table: "ServiceRequests",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_CreatedAtUtc",
                table: "Reviews",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_ReplyThreadId",
                table: "Reviews",
                column: "ReplyThreadId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reviews_MessageThreads_ReplyThreadId",
                table: "Reviews",
                column: "ReplyThreadId",
                principalTable: "MessageThreads",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceRequests_Estimates_EstimateId",
                table: "ServiceRequests",
                column: "EstimateId",
                principalTable: "Estimates",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reviews_MessageThreads_ReplyThreadId",
                table: "Reviews");

            migrationBuilder.DropForeignKey(
                name: "FK_ServiceRequests_Estimates_EstimateId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_EstimateId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_Status_CreatedAtUtc",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_CreatedAtUtc",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_ReplyThreadId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "AlternativeDate",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "AlternativeTimeWindow",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ContactBy",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ContactPhone",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "DecidedAtUtc",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "EstimateId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ServiceAddressId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "AuthorName",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "FollowedUpAtUtc",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "FollowedUpBy",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ReplyThreadId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "PortalUsers");

            migrationBuilder.DropColumn(
                name: "IsPendingReview",
                table: "Customers");
        }
    }
}
