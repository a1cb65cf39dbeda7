using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Messaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ThreadId_SentAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReadByCustomerAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReadByStaffAtUtc",
                table: "Messages");

            migrationBuilder.AddColumn<bool>(
                name: "EmailsAboutUnassignedMessages",
                table: "StaffUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<int>(
                name: "SubjectId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "AssignedStaffUserId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DoneAtUtc",
                table: "MessageThreads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastCustomerMessageId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastMessageId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastPublicMessageId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Preview",
                table: "MessageThreads",
                type: "TEXT",
                maxLength: 150,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Topic",
                table: "MessageThreads",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "ClientMessageId",
                table: "Messages",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "IsInternalNote",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MessageId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ThreadId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ThreadParticipants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    PortalUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    LastReadMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastNotifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreadParticipants_MessageThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "MessageThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ThreadParticipants_PortalUsers_PortalUserId",
                        column: x => x.PortalUserId,
                        principalTable: "PortalUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ThreadParticipants_StaffUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "StaffUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageThreads_AssignedStaffUserId",
                table: "MessageThreads",
                column: "AssignedStaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageThreads_LastMessageAtUtc",
                table: "MessageThreads",
                column: "LastMessageAtUtc");

            // Messages stored before client ids existed each get their own, so the one-message-per-client-id index can be built.
            migrationBuilder.Sql("UPDATE Messages SET ClientMessageId = printf('00000000-0000-0000-0000-%012d', Id);");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ThreadId_ClientMessageId",
                table: "Messages",
                columns: new[] { "ThreadId", "ClientMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ThreadId_Id",
                table: "Messages",
                columns: new[] { "ThreadId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_MessageId",
                table: "Attachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_ThreadId",
                table: "Attachments",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadParticipants_PortalUserId",
                table: "ThreadParticipants",
                column: "PortalUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadParticipants_StaffUserId",
                table: "ThreadParticipants",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreadParticipants_ThreadId_PortalUserId",
                table: "ThreadParticipants",
                columns: new[] { "ThreadId", "PortalUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreadParticipants_ThreadId_StaffUserId",
                table: "ThreadParticipants",
                columns: new[] { "ThreadId", "StaffUserId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_MessageThreads_ThreadId",
                table: "Attachments",
                column: "ThreadId",
                principalTable: "MessageThreads",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Messages_MessageId",
                table: "Attachments",
                column: "MessageId",
                principalTable: "Messages",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MessageThreads_StaffUsers_AssignedStaffUserId",
                table: "MessageThreads",
                column: "AssignedStaffUserId",
                principalTable: "StaffUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Threads from before this version get the summary the inbox and unread counts read.
            migrationBuilder.Sql("""
                UPDATE MessageThreads SET
                    LastMessageId = (SELECT max(m.Id) FROM Messages m WHERE m.ThreadId = MessageThreads.Id),
                    LastPublicMessageId = (SELECT max(m.Id) FROM Messages m WHERE m.ThreadId = MessageThreads.Id),
                    LastCustomerMessageId = (SELECT max(m.Id) FROM Messages m WHERE m.ThreadId = MessageThreads.Id AND m.AuthorKind = 'Customer'),
                    Preview = coalesce(substr((SELECT m.Body FROM Messages m WHERE m.ThreadId = MessageThreads.Id ORDER BY m.Id DESC LIMIT 1), 1, 140), '');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_MessageThreads_ThreadId",
                table: "Attachments");

            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_Messages_MessageId",
                table: "Attachments");

            migrationBuilder.DropForeignKey(
                name: "FK_MessageThreads_StaffUsers_AssignedStaffUserId",
                table: "MessageThreads");

            migrationBuilder.DropTable(
                name: "ThreadParticipants");

            migrationBuilder.DropIndex(
                name: "IX_MessageThreads_AssignedStaffUserId",
                table: "MessageThreads");

            migrationBuilder.DropIndex(
                name: "IX_MessageThreads_LastMessageAtUtc",
                table: "MessageThreads");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ThreadId_ClientMessageId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ThreadId_Id",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_MessageId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_ThreadId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "EmailsAboutUnassignedMessages",
                table: "StaffUsers");

            migrationBuilder.DropColumn(
                name: "AssignedStaffUserId",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "DoneAtUtc",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "LastCustomerMessageId",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "LastMessageId",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "LastPublicMessageId",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "Preview",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "Topic",
                table: "MessageThreads");

            migrationBuilder.DropColumn(
                name: "ClientMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "IsInternalNote",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "Attachments");

            migrationBuilder.AlterColumn<int>(
                name: "SubjectId",
                table: "MessageThreads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadByCustomerAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadByStaffAtUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ThreadId_SentAtUtc",
                table: "Messages",
                columns: new[] { "ThreadId", "SentAtUtc" });
        }
    }
}
